import 'server-only';
import { errorResponse } from './errors';

export { errorResponse } from './errors';

/** A body read within its limits, or the refusal to answer with. */
export type BodyRead<T> = { ok: true; value: T } | { ok: false; response: Response };

const refuse = (response: Response): { ok: false; response: Response } => ({ ok: false, response });

/**
 * Whether the request says its body is JSON. Browsers send text/plain, form and multipart bodies
 * cross-site without asking; application/json needs a CORS preflight, which this server never grants.
 */
export function isJsonRequest(request: Request): boolean {
  const type = request.headers.get('content-type') ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Reads at most `maxBytes` of the body: a declared Content-Length above the limit is refused before
 * a byte is read, and a body that grows past it (a lying or missing length) is cut off at the limit.
 * Answers `too_large` (413) then; null when the body is missing.
 */
export async function readBodyLimited(
  request: Request,
  maxBytes: number,
  tooLargeMessage: string,
): Promise<BodyRead<Buffer>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (!Number.isFinite(declared) || declared > maxBytes)
    return refuse(errorResponse('too_large', tooLargeMessage));
  if (!request.body) return { ok: true, value: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Stop the upload here: the rest is never read into memory.
        await reader.cancel().catch(() => {});
        return refuse(errorResponse('too_large', tooLargeMessage));
      }
      chunks.push(value);
    }
  } catch {
    return refuse(errorResponse('invalid_payload', 'The request body could not be read.'));
  }
  return { ok: true, value: Buffer.concat(chunks, total) };
}

/**
 * A JSON body of at most `maxBytes`: refused with 415 unless it is sent as application/json, 413
 * past the limit (read no further than it), 400 when it is not JSON.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
  what: string,
): Promise<BodyRead<unknown>> {
  if (!isJsonRequest(request)) {
    return refuse(
      errorResponse('unsupported_type', `Send ${what} as JSON (Content-Type: application/json).`),
    );
  }
  const body = await readBodyLimited(
    request,
    maxBytes,
    `${capitalise(what)} is limited to ${maxBytes / 1024} KB.`,
  );
  if (!body.ok) return body;
  try {
    return { ok: true, value: JSON.parse(body.value.toString('utf8')) };
  } catch {
    return refuse(errorResponse('invalid_payload', `Send ${what} as valid JSON.`));
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
