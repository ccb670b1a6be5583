'use client';
import { useTranslations } from 'next-intl';
import { type CSSProperties, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Dish, DishBox, Photo } from '@/lib/protocol';
import { padBox } from './BoxCrop';
import { photoUrl } from './photoUrl';

/** Zoom steps of the + and − buttons, as multiples of "photo as wide as the viewer". */
const ZOOMS = [1, 1.5, 2, 3, 4];
const MAX_ZOOM = 4;
/** Share of the viewer's width a highlighted line should fill: wide enough to read, with context. */
const LINE_SHARE = 0.9;

export interface PhotoTarget {
  dishId: string;
  /** Changes on every tap, so tapping the same dish again scrolls to it again. */
  nonce: number;
}

interface MenuPhotosProps {
  photos: Photo[];
  dishes: Dish[];
  /** The dish to show on its photo (from "Show … on the menu photo" in the menu). */
  target: PhotoTarget | null;
  /** Takes the person back to the dish's row in the menu. */
  onBack?: (dishId: string) => void;
}

type Pending = { kind: 'box'; box: DishBox } | { kind: 'centre'; fx: number; fy: number };

/** Zoom at which the box's line spans most of the viewer (never below "whole width"). */
function zoomForBox(box: DishBox): number {
  return Math.min(MAX_ZOOM, Math.max(1, LINE_SHARE / Math.max(box.w, 0.05)));
}

function smooth(): ScrollBehavior {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/**
 * The paper menu, as photographed: one page at a time, zoomable with two fingers (the browser's own
 * pinch zoom) or with + and − under the thumb, and a dish's printed line outlined on request.
 */
export function MenuPhotos({ photos, dishes, target, onBack }: MenuPhotosProps) {
  const t = useTranslations('MenuPhotos');
  const [page, setPage] = useState(0);
  const [zoom, setZoom] = useState<number>(1);
  const [shown, setShown] = useState<Dish | null>(null);
  // Forces the render that scrolls, even when page, zoom and dish are the same as last time.
  const [, setScrollRequest] = useState(0);
  const sectionRef = useRef<HTMLElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const pending = useRef<Pending | null>(null);
  // Read when a tap arrives, not reacted to: a resync hands over new arrays and must not scroll the page.
  const latest = useRef({ dishes, photos });
  useEffect(() => {
    latest.current = { dishes, photos };
  });

  // A tap on a dish: switch to its page, zoom so its line reads, and bring the viewer on screen.
  useEffect(() => {
    if (!target) return;
    const { dishes, photos } = latest.current;
    const dish = dishes.find((d) => d.id === target.dishId);
    const box = dish?.box;
    const index = box ? photos.findIndex((p) => p.id === box.photoId) : -1;
    if (!dish || !box || index < 0) return;
    setShown(dish);
    setPage(index);
    setZoom(zoomForBox(box));
    pending.current = { kind: 'box', box };
    setScrollRequest((n) => n + 1);
    sectionRef.current?.scrollIntoView({ behavior: smooth(), block: 'start' });
  }, [target]);

  // The menu changed under the highlight (the host edited it): follow the dish, or drop it.
  useEffect(() => {
    setShown((current) => (current ? (dishes.find((d) => d.id === current.id && d.box) ?? null) : null));
  }, [dishes]);

  const count = photos.length;
  const current = Math.min(page, count - 1);
  const photo = photos[current];

  // After the new size is laid out, scroll the viewer to what has to be seen.
  useLayoutEffect(() => {
    const frame = frameRef.current;
    const want = pending.current;
    if (!frame || !want) return;
    pending.current = null;
    const width = frame.scrollWidth;
    const height = frame.scrollHeight;
    const [fx, fy] =
      want.kind === 'box' ? [want.box.x + want.box.w / 2, want.box.y + want.box.h / 2] : [want.fx, want.fy];
    frame.scrollTo({ left: fx * width - frame.clientWidth / 2, top: fy * height - frame.clientHeight / 2 });
  });

  if (!photo) return null;

  function zoomTo(next: number) {
    const frame = frameRef.current;
    if (frame) {
      // Keep the middle of what is on screen in the middle.
      pending.current = {
        kind: 'centre',
        fx: (frame.scrollLeft + frame.clientWidth / 2) / frame.scrollWidth,
        fy: (frame.scrollTop + frame.clientHeight / 2) / frame.scrollHeight,
      };
    }
    setZoom(next);
  }
  // Drawn around the line, not on it: the ring must never cover the letters it points at.
  const highlight = shown?.box && shown.box.photoId === photo.id ? padBox(shown.box) : null;
  const canvasStyle = {
    width: `${zoom * 100}%`,
    aspectRatio: `${photo.width} / ${photo.height}`,
  } as CSSProperties;

  return (
    <section className="card menu-photos" aria-label={t('label')} data-testid="menu-photos" ref={sectionRef}>
      <div className="photos-head">
        <h2>{t('title', { count })}</h2>
        {count > 1 && (
          <div className="photo-pages">
            {photos.map((p, i) => (
              <button
                key={p.id}
                type="button"
                className={`button page-tab${i === current ? ' current' : ''}`}
                aria-label={t('pageTab', { page: i + 1, count })}
                aria-pressed={i === current}
                onClick={() => {
                  setPage(i);
                  setZoom(1);
                }}
              >
                {i + 1}
              </button>
            ))}
          </div>
        )}
      </div>

      {/* Native scrolling and pinch zoom: nothing to learn, and smooth on old phones. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a zoomed photo must be focusable to be scrollable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable); the image's alt text names it. */}
      <div className="photo-frame" ref={frameRef} tabIndex={0}>
        <div className="photo-canvas" style={canvasStyle}>
          {/* biome-ignore lint/performance/noImgElement: served as uploaded by /api/photos; next/image would resize it again */}
          <img
            key={photo.id}
            className="menu-photo"
            src={photoUrl(photo.id)}
            alt={t('alt', { page: current + 1, count })}
            width={photo.width}
            height={photo.height}
            data-testid="menu-photo"
            data-photo-id={photo.id}
            draggable={false}
          />
          {highlight && shown && (
            <div
              className="dish-highlight"
              data-testid="dish-highlight"
              data-dish-id={shown.id}
              aria-hidden="true"
              style={{
                left: `${highlight.x * 100}%`,
                top: `${highlight.y * 100}%`,
                width: `${highlight.w * 100}%`,
                height: `${highlight.h * 100}%`,
              }}
            />
          )}
        </div>
      </div>

      {highlight && shown && (
        <p className="photo-caption" data-testid="photo-caption">
          <span className="visually-hidden">{t('outlined')} </span>
          <span className="name">{shown.name}</span>
        </p>
      )}
      <div className="photo-tools">
        {highlight && shown && onBack ? (
          <button type="button" className="button back-to-dish" onClick={() => onBack(shown.id)}>
            <span aria-hidden="true">↓</span> {t('back')}
          </button>
        ) : (
          <p className="hint photo-hint">{t('hint')}</p>
        )}
        <div className="zoom-buttons">
          <button
            type="button"
            className="button icon"
            aria-label={t('zoomOut')}
            disabled={zoom <= 1}
            onClick={() => zoomTo([...ZOOMS].reverse().find((z) => z < zoom) ?? 1)}
          >
            <span aria-hidden="true">−</span>
          </button>
          <button
            type="button"
            className="button icon"
            aria-label={t('zoomIn')}
            disabled={zoom >= MAX_ZOOM}
            onClick={() => zoomTo(ZOOMS.find((z) => z > zoom) ?? zoom)}
          >
            <span aria-hidden="true">+</span>
          </button>
        </div>
      </div>
    </section>
  );
}
