// The one builder of HTTP error bodies, free of Node-only and server-only imports so the proxy
// (proxy.ts) answers refusals in the same shape as the route handlers.
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

export interface ErrorResponseOptions {
  /** Only where HTTP has a more exact status than the code's own (421 for a foreign Host). */
  status?: number;
  headers?: HeadersInit;
}

/**
 * Every route answers `{ error: { code, message } }`, the same shape as a socket error reply, with
 * the status that belongs to the code.
 */
export function errorResponse(
  code: ErrorCode | PhotoErrorCode,
  message: string,
  options: ErrorResponseOptions = {},
): Response {
  return Response.json({ error: { code, message } } satisfies HttpErrorBody, {
    status: options.status ?? STATUS[code],
    headers: options.headers,
  });
}
