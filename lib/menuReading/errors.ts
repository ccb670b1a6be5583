// An expected failure of reading a photo, with a message a person can act on. The codes and their
// HTTP statuses are part of the protocol (PHOTO_ERROR_STATUS in lib/protocol.ts).
import type { PhotoErrorBody, PhotoErrorCode } from '../protocol';

export class PhotoError extends Error {
  constructor(
    readonly code: PhotoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PhotoError';
  }

  toBody(): PhotoErrorBody {
    return { code: this.code, message: this.message };
  }
}
