import type { ReplyError } from '@/lib/protocol';

/** Reads the `{ error: { code, message } }` body every API error has, whatever the status. */
export async function readApiError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: ReplyError };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not our JSON (e.g. a proxy error page): fall through to a generic message.
  }
  return `The server answered ${response.status}. Try again in a moment.`;
}
