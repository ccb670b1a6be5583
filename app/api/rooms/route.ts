import { CreateRoomRequestSchema, type CreateRoomResponse, describeZodError } from '@/lib/protocol';
import { errorResponse, readJson } from '@/lib/server/http';
import { webLog, webRedis, webRoomStore } from '@/lib/server/webRedis';
import { explainMenu } from '@/lib/glossary/explain';
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
    // What each dish is, in every interface language, stored with the menu (see lib/glossary).
    const explanations = await explainMenu(
      parsed.data.dishes.map((dish) => dish.name),
      parsed.data.language ?? 'en',
    ).catch((err: unknown) => {
      webLog.warn({ err }, 'explaining the menu failed; the room opens without explanations');
      return [];
    });
    const dishes = parsed.data.dishes.map((dish, i) => {
      const explanation = explanations[i];
      return explanation ? { ...dish, explanation } : dish;
    });
    const created: CreateRoomResponse = await (await webRoomStore()).createRoom(
      { ...parsed.data, dishes },
      photos,
    );
    return Response.json(created, { status: 201 });
  } catch (error) {
    webLog.error({ err: error }, 'create room failed');
    return errorResponse('unavailable', 'Rooms cannot be created right now; try again in a moment.');
  }
}
