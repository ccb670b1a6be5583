import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { ReplyError } from '@/lib/protocolValues';

/**
 * Reads the `{ error: { code, message } }` body every API error has, whatever the status: the
 * member's own translation of the code where there is one (the server's message is English), else
 * the server's message; for any other body (e.g. a proxy error page) the caller's generic message.
 */
export async function readApiError(
  response: Response,
  otherwise: (status: number) => string,
  translated: (code: string) => string | undefined = () => undefined,
): Promise<string> {
  try {
    const body = (await response.json()) as { error?: ReplyError };
    const code = body.error?.code;
    const message = (code && translated(code)) || body.error?.message;
    if (message) return message;
  } catch {
    // Not our JSON: fall through to the generic message.
  }
  return otherwise(response.status);
}

/** readApiError with the interface language's messages: `(response) => the sentence to show`. */
export function useApiErrorReader(): (response: Response) => Promise<string> {
  const codes = useTranslations('ErrorCodes');
  const errors = useTranslations('Errors');
  return useCallback(
    (response: Response) =>
      readApiError(
        response,
        (status) => errors('serverStatus', { status }),
        (code) =>
          codes.has(code as Parameters<typeof codes.has>[0])
            ? codes(code as Parameters<typeof codes>[0])
            : undefined,
      ),
    [codes, errors],
  );
}
