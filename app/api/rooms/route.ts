import { CreateRoomRequestSchema, type CreateRoomResponse, describeZodError } from '@/lib/protocol';
import { errorResponse, readJson } from '@/lib/server/http';
import { webLog, webRedis, webRoomStore } from '@/lib/server/webRedis';
import { attachPhotos } from '@/lib/storage/photos';

/** Opens a room. The creator becomes its host and gets the secret token that identifies them. */
export async function POST(request: Request): Promise<Response> {
  const body = await readJson(request, 64 * 1024);
  if (body === null) return errorResponse('invalid_payload', 'Send the room as JSON (at most 64 KB).');
  const parsed = CreateRoomRequestSchema.safeParse(body);
  if (!parsed.success) return errorResponse('invalid_payload', describeZodError(parsed.error));
  try {
    const photos = await attachPhotos(await webRedis(), parsed.data.photoIds ?? []);
    if (!photos) {
      return errorResponse('invalid_payload', 'A menu photo has expired; take or choose the photo again.');
    }
    const created: CreateRoomResponse = await (await webRoomStore()).createRoom(parsed.data, photos);
    return Response.json(created, { status: 201 });
  } catch (error) {
    webLog.error({ err: error }, 'create room failed');
    return errorResponse('unavailable', 'Rooms cannot be created right now; try again in a moment.');
  }
}
