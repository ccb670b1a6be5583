import { explainMenu } from '@/lib/glossary/explain';
import { newPhotoId } from '@/lib/photoJobs/jobs';
import {
  CreateRoomRequestSchema,
  type CreateRoomResponse,
  describeZodError,
  REQUEST_ID_PATTERN,
} from '@/lib/protocol';
import { crossSiteRefusal } from '@/lib/server/crossSite';
import { errorResponse, readJsonBody } from '@/lib/server/http';
import { limitKeyOf, limitRoomCreation, rateLimited } from '@/lib/server/httpLimits';
import { webLog, webRedis, webRoomStore, webWaitForReplicas } from '@/lib/server/webRedis';
import { claimPhotos } from '@/lib/storage/photos';
import { NotReplicatedError } from '@/lib/storage/redis';

export const runtime = 'nodejs';

/** A room with 300 dishes, their categories and photo boxes fits in a few tens of KB. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Thrown by createRoom when Redis is near its memory limit (lib/storage/roomStore.ts). Matched by
 * name as well, so the route does not depend on how the store exports it.
 */
const isCapacityReached = (error: unknown) => error instanceof Error && error.name === 'CapacityReachedError';

/**
 * Opens a room. The creator becomes its host and gets the secret token that identifies them.
 * `Idempotency-Key` (optional, 22–64 random base64url characters, the same on every retry of one
 * creation): a retry answers the room the first attempt opened instead of opening a second one,
 * e.g. after an `unavailable` from a write Redis had applied but no replica had confirmed yet.
 */
export async function POST(request: Request): Promise<Response> {
  const refusal = crossSiteRefusal(request);
  if (refusal) return refusal;
  const requestId = request.headers.get('idempotency-key') ?? undefined;
  if (requestId !== undefined && !REQUEST_ID_PATTERN.test(requestId))
    return errorResponse('invalid_payload', 'Idempotency-Key must be 22 to 64 letters, digits, - or _.');
  const verdict = await limitRoomCreation(limitKeyOf(request));
  if (!verdict.allowed) {
    webLog.warn({ event: 'room_create_limited' }, 'room creation refused: rate limit');
    return rateLimited(verdict, 'new rooms');
  }
  const body = await readJsonBody(request, MAX_BODY_BYTES, 'the room');
  if (!body.ok) return body.response;
  const parsed = CreateRoomRequestSchema.safeParse(body.value);
  if (!parsed.success) return errorResponse('invalid_payload', describeZodError(parsed.error));
  let claimed: Awaited<ReturnType<typeof claimPhotos>> = null;
  try {
    const store = await webRoomStore();
    // A retry of a creation that went through: its room, whose photos the first attempt claimed.
    const earlier = requestId ? await store.createdRoom(requestId) : null;
    if (earlier) {
      webLog.info({ event: 'room_create_retried', room: earlier.roomId }, 'room creation retried');
      return Response.json(earlier, { status: 201 });
    }
    // Refuse a full server before spending work on photos and explanations.
    await store.ensureCapacity();
    const redis = await webRedis();
    claimed = await claimPhotos(redis, parsed.data.photoIds ?? [], newPhotoId, webWaitForReplicas());
    if (!claimed) {
      return errorResponse('invalid_payload', 'A menu photo has expired; take or choose the photo again.');
    }
    const renamed = claimed.renamed;
    // What each dish is, in every interface language, stored with the menu (see lib/glossary).
    const explanations = await explainMenu(
      parsed.data.dishes.map((dish) => dish.name),
      parsed.data.language ?? 'en',
    ).catch((err: unknown) => {
      webLog.warn(
        { err, event: 'explain_failed' },
        'explaining the menu failed; the room opens without explanations',
      );
      return [];
    });
    const dishes = parsed.data.dishes.map((dish, i) => {
      const explanation = explanations[i];
      // Boxes point at the photos under the ids the room shows them by.
      const box = dish.box
        ? { ...dish.box, photoId: renamed.get(dish.box.photoId) ?? dish.box.photoId }
        : undefined;
      return { ...dish, ...(box ? { box } : {}), ...(explanation ? { explanation } : {}) };
    });
    const created: CreateRoomResponse = await store.createRoom(
      { ...parsed.data, photoIds: claimed.photos.map((photo) => photo.id), dishes },
      claimed.photos,
      { requestId },
    );
    webLog.info(
      { event: 'room_created', room: created.roomId, dishes: dishes.length, photos: claimed.photos.length },
      'room created',
    );
    return Response.json(created, { status: 201 });
  } catch (error) {
    // The photos go back to the uploader's ids: opening the room again must find them. Not when
    // the room was written but not confirmed: it may exist and show them (its retry finds it).
    if (!(error instanceof NotReplicatedError))
      await claimed?.undo().catch((err: unknown) => webLog.warn({ err }, 'could not give the photos back'));
    if (isCapacityReached(error)) {
      webLog.warn({ event: 'room_create_capacity' }, 'room creation refused: storage near its limit');
      return errorResponse(
        'capacity_reached',
        'The server is full right now; no new rooms can be opened. Rooms already open keep working.',
      );
    }
    webLog.error({ err: error, event: 'room_create_failed' }, 'create room failed');
    return errorResponse('unavailable', 'Rooms cannot be created right now; try again in a moment.');
  }
}
