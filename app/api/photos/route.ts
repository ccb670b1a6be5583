import { checkPhoto } from '@/lib/menuReading/image';
import { PhotoError } from '@/lib/menuReading/errors';
import type { UploadedFile } from '@/lib/photoJobs/jobs';
import { MAX_PHOTOS, MenuLanguageSchema, type PhotoJobAccepted } from '@/lib/protocol';
import { errorResponse } from '@/lib/server/http';
import { photoJobs } from '@/lib/server/photoJobs';
import { webLog } from '@/lib/server/webRedis';

export const runtime = 'nodejs';

/** The whole request: a few phone photos plus form overhead (nginx allows 25 MB as well). */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** Reads the body, counting bytes as they come, so a lying or missing content-length cannot exhaust memory. */
async function readLimited(request: Request): Promise<Buffer | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES || !request.body) return null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Uploads one or more photos of a menu (multipart field `photos`, optional `language`) and starts
 * reading them. Answers 202 with the job to follow at GET /api/photos/jobs/:jobId.
 */
export async function POST(request: Request): Promise<Response> {
  let jobs: Awaited<ReturnType<typeof photoJobs>>;
  try {
    jobs = await photoJobs();
  } catch {
    return errorResponse('unavailable', 'Photos cannot be read right now; try again in a moment.');
  }
  // Refuse before reading 25 MB that could not be queued anyway.
  if (jobs.full) return errorResponse('busy', 'Many menus are being read right now; try again in a minute.');
  const body = await readLimited(request);
  if (!body)
    return errorResponse('too_large', `Photos are limited to ${MAX_BODY_BYTES / 1024 / 1024} MB in all.`);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    }).formData();
  } catch {
    return errorResponse('invalid_request', 'Send the photos as a multipart form with the field "photos".');
  }
  const entries = form.getAll('photos').filter((entry): entry is File => typeof entry !== 'string');
  if (entries.length === 0) return errorResponse('invalid_request', 'Choose at least one photo of the menu.');
  if (entries.length > MAX_PHOTOS)
    return errorResponse('too_many_photos', `At most ${MAX_PHOTOS} photos per menu.`);
  const language = form.get('language') ? MenuLanguageSchema.safeParse(form.get('language')) : null;
  if (language && !language.success) return errorResponse('invalid_request', 'Unknown menu language.');

  try {
    // The header checks on every file before anything is queued: one bad file refuses the upload.
    const files: UploadedFile[] = [];
    for (const [index, entry] of entries.entries()) {
      const name = entry.name || `Photo ${index + 1}`;
      const bytes = new Uint8Array(await entry.arrayBuffer());
      await checkPhoto(bytes, name);
      files.push({ name, bytes });
    }
    const job = await jobs.enqueue(files, language?.success ? language.data : null);
    return Response.json({ jobId: job.id, position: job.position } satisfies PhotoJobAccepted, {
      status: 202,
    });
  } catch (error) {
    if (error instanceof PhotoError) return errorResponse(error.code, error.message);
    webLog.error({ err: error }, 'photo upload failed');
    return errorResponse('unavailable', 'Photos cannot be read right now; try again in a moment.');
  }
}
