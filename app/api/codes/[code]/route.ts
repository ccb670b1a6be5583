import { JoinCodeSchema, type ResolveCodeResponse } from '@/lib/protocol';
import { errorResponse } from '@/lib/server/http';
import { webRoomStore } from '@/lib/server/webRedis';

/** Turns a typed join code ("K7M-XPQ", any case) into the room it opens. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ code: string }> },
): Promise<Response> {
  const parsed = JoinCodeSchema.safeParse((await params).code);
  if (!parsed.success) return errorResponse('invalid_payload', 'A join code is 6 letters and digits.');
  try {
    const roomId = await (await webRoomStore()).resolveCode(parsed.data);
    if (!roomId)
      return errorResponse('room_not_found', 'No open room has this code. Check it, or it may have expired.');
    return Response.json({ roomId } satisfies ResolveCodeResponse);
  } catch {
    return errorResponse('unavailable', 'Cannot look up the code right now; try again in a moment.');
  }
}
