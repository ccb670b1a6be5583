import 'server-only';
import type { ErrorCode, ReplyError } from '@/lib/protocol';

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_payload: 400,
  room_not_found: 404,
  rate_limited: 429,
  unavailable: 503,
};

/** Every HTTP error has the same body as a socket error reply: `{ error: { code, message } }`. */
export function errorResponse(code: ErrorCode, message: string): Response {
  return Response.json({ error: { code, message } satisfies ReplyError }, { status: STATUS[code] ?? 500 });
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
