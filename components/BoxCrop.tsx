import type { CSSProperties } from 'react';
import type { DishBox, Photo } from '@/lib/protocol';
import { photoUrl } from './photoUrl';

/** Room around the printed line, as a fraction of its height: a line cut at the glyphs is hard to read. */
const MARGIN_OF_HEIGHT = 0.3;

/** The box grown by a small margin and kept inside the photo. */
export function padBox(box: DishBox): DishBox {
  const dy = box.h * MARGIN_OF_HEIGHT;
  const dx = Math.min(dy, 0.02);
  const x = Math.max(0, box.x - dx);
  const y = Math.max(0, box.y - dy);
  return {
    photoId: box.photoId,
    x,
    y,
    w: Math.min(1, box.x + box.w + dx) - x,
    h: Math.min(1, box.y + box.h + dy) - y,
  };
}

/**
 * The line of the menu photo where a dish is printed: a div showing only that part of the photo
 * (background sized so the box fills it, at the photo's own proportions). No image decoding on the
 * phone and no second request per dish: every crop of one photo shares the same cached image.
 */
export function BoxCrop({ box, photo, label }: { box: DishBox; photo: Photo; label: string }) {
  const padded = padBox(box);
  const ratio = (padded.w * photo.width) / Math.max(1e-6, padded.h * photo.height);
  // background-position p% puts the image's p% point on the box's p% point: p = x / (1 − w).
  const position = (start: number, size: number) => (size >= 1 ? 0 : (start / (1 - size)) * 100);
  const style = {
    '--crop-ratio': ratio.toFixed(4),
    backgroundImage: `url("${photoUrl(photo.id)}")`,
    backgroundSize: `${100 / padded.w}% ${100 / padded.h}%`,
    backgroundPosition: `${position(padded.x, padded.w)}% ${position(padded.y, padded.h)}%`,
  } as CSSProperties;
  return <div className="box-crop" role="img" aria-label={label} style={style} data-photo-id={photo.id} />;
}
