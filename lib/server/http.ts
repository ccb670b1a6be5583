import 'server-only';
import { type ErrorCode, type HttpErrorBody, PHOTO_ERROR_STATUS, type PhotoErrorCode } from '@/lib/protocol';

const STATUS: Record<ErrorCode | PhotoErrorCode, number> = {
  ...PHOTO_ERROR_STATUS,
  invalid_payload: 400,
  unsupported_change: 400,
  protocol_mismatch: 400,
  room_not_found: 404,
  unknown_dish: 400,
  not_a_member: 403,
  not_the_host: 403,
  not_allowed: 403,
  order_locked: 409,
  room_closed: 409,
  limit_reached: 409,
  member_removed: 403,
  already_joined: 409,
  unauthorised: 401,
  room_full: 409,
  joining_closed: 409,
  rate_limited: 429,
  capacity_reached: 503,
};

/**
 * The one builder of HTTP error bodies: every route answers `{ error: { code, message } }`, the same
 * shape as a socket error reply, with the status that belongs to the code.
 */
export function errorResponse(code: ErrorCode | PhotoErrorCode, message: string): Response {
  return Response.json({ error: { code, message } } satisfies HttpErrorBody, { status: STATUS[code] });
}

/** Reads a JSON body of at most `maxBytes`, or null when it is missing, too big or not JSON. */
export async function readJson(request: Request, maxBytes: number): Promise<unknown | null> {
  const text = await request.text().catch(() => null);
  if (text === null || text.length > maxBytes) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
