import { MAX_PHOTOS } from '@/lib/protocol';
import { PHOTO_ERROR_STATUS, PhotoError, type PhotoErrorCode } from '@/lib/menuPhoto/errors';
import { MAX_PHOTO_BYTES, sniffImageType } from '@/lib/menuPhoto/image';
import { enqueuePhotoJob, type UploadedFile } from '@/lib/menuPhoto/jobs';
import { MenuLanguageSchema } from '@/lib/menuPhoto/languages';
import { redis } from '@/lib/server/roomStore';

export const runtime = 'nodejs';

/** The whole request: a few phone photos plus form overhead (nginx allows 25 MB as well). */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

function fail(code: PhotoErrorCode, message: string): Response {
  return Response.json({ error: { code, message } }, { status: PHOTO_ERROR_STATUS[code] });
}

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
  const body = await readLimited(request);
  if (!body) return fail('too_large', `Photos are limited to ${MAX_BODY_BYTES / 1024 / 1024} MB in all.`);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    }).formData();
  } catch {
    return fail('invalid_request', 'Send the photos as a multipart form with the field "photos".');
  }
  const entries = form.getAll('photos').filter((entry): entry is File => typeof entry !== 'string');
  if (entries.length === 0) return fail('invalid_request', 'Choose at least one photo of the menu.');
  if (entries.length > MAX_PHOTOS) return fail('too_many_photos', `At most ${MAX_PHOTOS} photos per menu.`);
  const language = form.get('language') ? MenuLanguageSchema.safeParse(form.get('language')) : null;
  if (language && !language.success) return fail('invalid_request', 'Unknown menu language.');

  // Cheap checks on every file before anything is queued: one bad file refuses the whole upload.
  const files: UploadedFile[] = [];
  for (const [index, entry] of entries.entries()) {
    const name = entry.name || `Photo ${index + 1}`;
    if (entry.size > MAX_PHOTO_BYTES) {
      return fail('too_large', `${name} is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`);
    }
    const bytes = new Uint8Array(await entry.arrayBuffer());
    if (!sniffImageType(bytes)) {
      return fail('unsupported_type', `${name} is not a JPEG, PNG, WebP or HEIC photo.`);
    }
    files.push({ name, bytes });
  }
  try {
    const job = await enqueuePhotoJob(await redis(), files, language?.success ? language.data : null);
    return Response.json({ jobId: job.id, position: job.position }, { status: 202 });
  } catch (error) {
    if (error instanceof PhotoError) return fail(error.code, error.message);
    return fail('unavailable', 'Photos cannot be read right now; try again in a moment.');
  }
}
