// What the upload route checks of every file before it is queued, beyond checkPhoto's header checks:
// that the decoder reads the format the first bytes claim (an SVG or text file behind a JPEG, PNG,
// WebP or HEIC signature is refused, not handed to a decoder that sniffs on its own), and that the
// file is whole (a truncated upload is refused at the door, not after a wait in line). All of it
// reads headers and container structure only: no pixel is decoded here.
import { PhotoError } from '../menuReading/errors';
import { checkPhoto, type ImageType, sniffImageType } from '../menuReading/image';

/** sharp's name of each format the first bytes may claim. */
const SHARP_FORMAT: Record<ImageType, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', heic: 'heif' };

export async function checkUploadedPhoto(bytes: Uint8Array, name: string): Promise<void> {
  const header = await checkPhoto(bytes, name);
  const claimed = sniffImageType(bytes);
  if (!claimed || header.format !== SHARP_FORMAT[claimed]) {
    throw new PhotoError('unsupported_type', `${name} is not a JPEG, PNG, WebP or HEIC photo.`);
  }
  if (!isComplete(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), claimed)) {
    throw new PhotoError('corrupt_image', `${name} is damaged or not a complete image.`);
  }
}

function isComplete(bytes: Buffer, type: ImageType): boolean {
  switch (type) {
    case 'jpeg':
      return jpegComplete(bytes);
    case 'png':
      // The IEND chunk closes every PNG; phones and editors write nothing after it.
      return bytes.includes(Buffer.from('IEND'), Math.max(0, bytes.length - 64));
    case 'webp':
      // RIFF's size field counts every byte after the first 8.
      return bytes.length >= 12 && bytes.readUInt32LE(4) + 8 <= bytes.length;
    case 'heic':
      return isobmffComplete(bytes);
  }
}

/**
 * A JPEG ends its scan with an EOI marker (FF D9). The segments before the first scan are walked by
 * their lengths (an EXIF thumbnail inside APP1 has its own scan and EOI), and since some phones
 * append data after the image (motion photos, depth maps), EOI is looked for anywhere after the scan.
 */
function jpegComplete(bytes: Buffer): boolean {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return false;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    if (marker === 0xda) return bytes.indexOf(Buffer.from([0xff, 0xd9]), offset + 2) !== -1;
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  return false;
}

/** A HEIC file is a chain of boxes (size, type); every box must fit inside the file. */
function isobmffComplete(bytes: Buffer): boolean {
  let offset = 0;
  let boxes = 0;
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) return false;
    let size = bytes.readUInt32BE(offset);
    if (size === 1) {
      if (offset + 16 > bytes.length) return false;
      size = Number(bytes.readBigUInt64BE(offset + 8));
    } else if (size === 0) {
      size = bytes.length - offset;
    }
    if (size < 8 || offset + size > bytes.length) return false;
    offset += size;
    boxes++;
  }
  return boxes > 1;
}
