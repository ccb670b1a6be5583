import type { ReplyError } from '@/lib/protocol';

/**
 * Reads the `{ error: { code, message } }` body every API error has, whatever the status; for any
 * other body (e.g. a proxy error page) the caller's generic message for the status.
 */
export async function readApiError(
  response: Response,
  otherwise: (status: number) => string,
): Promise<string> {
  try {
    const body = (await response.json()) as { error?: ReplyError };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not our JSON: fall through to the generic message.
  }
  return otherwise(response.status);
}
