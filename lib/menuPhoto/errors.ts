// Every way a menu photo upload or reading can fail, with the HTTP status a route answers with.

export const PHOTO_ERROR_STATUS = {
  invalid_request: 400,
  too_many_photos: 400,
  not_found: 404,
  too_large: 413,
  unsupported_type: 415,
  too_many_pixels: 422,
  corrupt_image: 422,
  no_dishes_found: 422,
  timeout: 504,
  busy: 503,
  unavailable: 503,
  internal: 500,
} as const;

export type PhotoErrorCode = keyof typeof PHOTO_ERROR_STATUS;

export interface PhotoErrorBody {
  code: PhotoErrorCode;
  message: string;
}

/** An expected failure with a message a person can act on. */
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
