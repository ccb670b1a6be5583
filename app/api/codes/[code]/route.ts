import { JoinCodeSchema, type ResolveCodeResponse } from '@/lib/protocol';
import { crossSiteRefusal } from '@/lib/server/crossSite';
import { errorResponse } from '@/lib/server/http';
import { limitCodeLookup, limitKeyOf, rateLimited } from '@/lib/server/httpLimits';
import { webLog, webRoomStore } from '@/lib/server/webRedis';

export const runtime = 'nodejs';

/**
 * Turns a typed join code ("K7M-XPQ", any case) into the room it opens. Lookups are limited per
 * address with a growing wait (lib/server/httpLimits.ts): 31⁶ codes cannot be walked through.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ code: string }> },
): Promise<Response> {
  const refusal = crossSiteRefusal(request);
  if (refusal) return refusal;
  const verdict = await limitCodeLookup(limitKeyOf(request));
  if (!verdict.allowed) return rateLimited(verdict, 'join-code lookups');
  const parsed = JoinCodeSchema.safeParse((await params).code);
  if (!parsed.success) return errorResponse('invalid_payload', 'A join code is 6 letters and digits.');
  try {
    const roomId = await (await webRoomStore()).resolveCode(parsed.data);
    if (!roomId) {
      webLog.info({ event: 'code_not_found' }, 'join code not found');
      return errorResponse('room_not_found', 'No open room has this code. Check it, or it may have expired.');
    }
    webLog.info({ event: 'code_resolved', room: roomId }, 'join code resolved');
    return Response.json({ roomId } satisfies ResolveCodeResponse, {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (err) {
    webLog.warn({ err, event: 'code_lookup_failed' }, 'join code lookup failed');
    return errorResponse('unavailable', 'Cannot look up the code right now; try again in a moment.');
  }
}
