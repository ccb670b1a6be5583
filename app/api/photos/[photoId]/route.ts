import { PhotoIdSchema } from '@/lib/protocol';
import { crossSiteRefusal } from '@/lib/server/crossSite';
import { errorResponse } from '@/lib/server/http';
import { webRedis } from '@/lib/server/webRedis';
import { loadPhoto } from '@/lib/storage/photos';

export const runtime = 'nodejs';

/**
 * A menu photo as the room shows it (already resized and stripped of metadata when uploaded). The
 * id is the capability to read it: before the room is opened only the uploader learns it (from its
 * photo job); once the room is opened the photo has a new id that only the room hands out, and the
 * upload's id no longer answers (lib/storage/photos.ts claimPhotos).
 */
export async function GET(request: Request, { params }: { params: Promise<{ photoId: string }> }) {
  const refusal = crossSiteRefusal(request);
  if (refusal) return refusal;
  const parsed = PhotoIdSchema.safeParse((await params).photoId);
  const photo = parsed.success ? await loadPhoto(await webRedis(), parsed.data).catch(() => null) : null;
  if (!photo) return errorResponse('not_found', 'This menu photo does not exist or has expired.');
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      'content-type': photo.contentType,
      // Photo ids are random and a photo never changes: phones may keep it as long as the room lasts.
      'cache-control': 'private, max-age=43200, immutable',
      'x-content-type-options': 'nosniff',
    },
  });
}
