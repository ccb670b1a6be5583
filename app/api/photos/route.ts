import { PhotoError } from '@/lib/menuReading/errors';
import type { UploadedFile } from '@/lib/photoJobs/jobs';
import { addressBusyError } from '@/lib/photoJobs/jobs';
import { checkUploadedPhoto } from '@/lib/photoJobs/uploadCheck';
import { MAX_PHOTOS, MenuLanguageSchema, type PhotoJobAccepted } from '@/lib/protocol';
import { crossSiteRefusal } from '@/lib/server/crossSite';
import { errorResponse } from '@/lib/server/http';
import { limitKeyOf, limitPhotoUpload, rateLimited } from '@/lib/server/httpLimits';
import { photoJobs } from '@/lib/server/photoJobs';
import { webLog } from '@/lib/server/webRedis';

export const runtime = 'nodejs';

/** The whole request: a few phone photos plus form overhead (nginx allows 25 MB as well). */
const MAX_BODY_BYTES = 25 * 1024 * 1024;
const TOO_LARGE = `Photos are limited to ${MAX_BODY_BYTES / 1024 / 1024} MB in all.`;

/**
 * The request body, cut off with an error once it passes MAX_BODY_BYTES (a lying or missing
 * Content-Length), handed to the multipart parser as it arrives: the parser keeps the one copy.
 */
function cappedBody(body: ReadableStream<Uint8Array>): {
  stream: ReadableStream<Uint8Array>;
  overLimit: () => boolean;
} {
  let total = 0;
  let over = false;
  const stream = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > MAX_BODY_BYTES) {
          over = true;
          controller.error(new Error('body over the limit'));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream, overLimit: () => over };
}

/**
 * Uploads one or more photos of a menu (multipart field `photos`, optional `language`) and starts
 * reading them. Answers 202 with the job to follow at GET /api/photos/jobs/:jobId; the job id is the
 * uploader's secret: only its holder learns the photos' ids (see app/api/photos/[photoId]).
 */
export async function POST(request: Request): Promise<Response> {
  const refusal = crossSiteRefusal(request);
  if (refusal) return refusal;
  const address = limitKeyOf(request);
  let jobs: Awaited<ReturnType<typeof photoJobs>>;
  try {
    jobs = await photoJobs();
  } catch {
    return errorResponse('unavailable', 'Photos cannot be read right now; try again in a moment.');
  }
  // Everything that refuses without the body comes first: a refused upload is never read.
  if (jobs.full) return errorResponse('busy', 'Many menus are being read right now; try again in a minute.');
  if (jobs.addressBusy(address)) {
    const busy = addressBusyError(jobs.maxJobsPerAddress);
    return errorResponse(busy.code, busy.message);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (!Number.isFinite(declared) || declared > MAX_BODY_BYTES) return errorResponse('too_large', TOO_LARGE);
  const verdict = await limitPhotoUpload(address);
  if (!verdict.allowed) {
    webLog.warn({ event: 'photo_upload_limited' }, 'photo upload refused: rate limit');
    return rateLimited(verdict, 'photo uploads');
  }
  if (!request.body) return errorResponse('invalid_request', 'Choose at least one photo of the menu.');

  const body = cappedBody(request.body);
  let form: FormData;
  try {
    form = await new Response(body.stream, {
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    }).formData();
  } catch {
    if (body.overLimit()) return errorResponse('too_large', TOO_LARGE);
    return errorResponse('invalid_request', 'Send the photos as a multipart form with the field "photos".');
  }
  const entries = form.getAll('photos').filter((entry): entry is File => typeof entry !== 'string');
  if (entries.length === 0) return errorResponse('invalid_request', 'Choose at least one photo of the menu.');
  if (entries.length > MAX_PHOTOS)
    return errorResponse('too_many_photos', `At most ${MAX_PHOTOS} photos per menu.`);
  const language = form.get('language') ? MenuLanguageSchema.safeParse(form.get('language')) : null;
  if (language && !language.success) return errorResponse('invalid_request', 'Unknown menu language.');

  try {
    // The checks on every file before anything is queued: one bad file refuses the upload.
    const files: UploadedFile[] = [];
    for (const [index, entry] of entries.entries()) {
      const name = entry.name || `Photo ${index + 1}`;
      const bytes = new Uint8Array(await entry.arrayBuffer());
      await checkUploadedPhoto(bytes, name);
      files.push({ name, bytes });
    }
    const job = await jobs.enqueue(files, language?.success ? language.data : null, address);
    return Response.json({ jobId: job.id, position: job.position } satisfies PhotoJobAccepted, {
      status: 202,
    });
  } catch (error) {
    if (error instanceof PhotoError) {
      webLog.info({ event: 'photo_upload_refused', code: error.code }, 'photo upload refused');
      return errorResponse(error.code, error.message);
    }
    webLog.error({ err: error, event: 'photo_upload_failed' }, 'photo upload failed');
    return errorResponse('unavailable', 'Photos cannot be read right now; try again in a moment.');
  }
}
