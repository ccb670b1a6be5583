'use client';
import { useTranslations } from 'next-intl';
import { type ChangeEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { MenuLanguageCode } from '@/lib/menuReading/languages';
import type { PhotoJob, PhotoJobResult } from '@/lib/protocol';
import { MAX_PHOTOS } from '@/lib/protocolValues';

export type ReadingStage =
  | { kind: 'idle' }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'queued'; position: number }
  | { kind: 'reading'; fraction: number }
  | { kind: 'failed'; message: string };

const POLL_MS = 700;

/** What the upload says when it fails without the server's own message, in the interface language. */
interface UploadWords {
  failed: (status: number) => string;
  unreachable: string;
}

/** Sends the photos with upload progress (fetch cannot report it) and returns the job id. */
function upload(
  files: File[],
  language: MenuLanguageCode | null,
  onProgress: (fraction: number) => void,
  words: UploadWords,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append('photos', file, file.name);
    if (language) form.append('language', language);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/photos');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () =>
      xhr.status === 202
        ? resolve((xhr.response as { jobId: string }).jobId)
        : reject(new Error(xhr.response?.error?.message ?? words.failed(xhr.status)));
    xhr.onerror = () => reject(new Error(words.unreachable));
    xhr.send(form);
  });
}

export interface PhotoReading {
  stage: ReadingStage;
  busy: boolean;
  /**
   * Uploads the photos and waits for the server to read them: in `language`, or guessing it from
   * the photo when null. `pagesBefore` counts the pages already read for the same menu (the
   * limit is per menu). Resolves with the result, or null after showing why in `stage`.
   */
  read: (
    files: File[],
    language: MenuLanguageCode | null,
    pagesBefore?: number,
  ) => Promise<PhotoJobResult | null>;
  /** Forgets the last failure (the host moved on to something else). */
  clear: () => void;
}

/** The upload → queue → read job of `POST /api/photos` and `GET /api/photos/jobs/:id`, as a hook. */
export function usePhotoReading(): PhotoReading {
  const t = useTranslations('PhotoMenuReader');
  const errors = useTranslations('Errors');
  const [stage, setStage] = useState<ReadingStage>({ kind: 'idle' });
  // Stops polling once the form is gone (the room opened, the page changed).
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const read = useCallback<PhotoReading['read']>(
    async (files, language, pagesBefore = 0) => {
      if (files.length === 0) return null;
      if (pagesBefore + files.length > MAX_PHOTOS) {
        setStage({ kind: 'failed', message: t('tooMany', { max: MAX_PHOTOS }) });
        return null;
      }
      try {
        setStage({ kind: 'uploading', fraction: 0 });
        const jobId = await upload(files, language, (fraction) => setStage({ kind: 'uploading', fraction }), {
          failed: (status) => t('uploadFailed', { status }),
          unreachable: errors('unreachable'),
        });
        while (mounted.current) {
          const response = await fetch(`/api/photos/jobs/${jobId}`, { cache: 'no-store' });
          const job = (await response.json()) as PhotoJob & { error?: { message: string } };
          if (!response.ok) throw new Error(job.error?.message ?? t('unreadable'));
          if (job.status === 'failed') throw new Error(job.error?.message ?? t('unreadable'));
          if (job.status === 'done' && job.result) {
            setStage({ kind: 'idle' });
            return job.result;
          }
          setStage(
            job.status === 'queued'
              ? { kind: 'queued', position: job.position }
              : { kind: 'reading', fraction: job.progress },
          );
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
        return null;
      } catch (error) {
        setStage({
          kind: 'failed',
          message: error instanceof TypeError ? errors('unreachable') : (error as Error).message,
        });
        return null;
      }
    },
    [t, errors],
  );

  const busy = stage.kind === 'uploading' || stage.kind === 'queued' || stage.kind === 'reading';
  const clear = useCallback(() => setStage((now) => (now.kind === 'failed' ? { kind: 'idle' } : now)), []);
  return { stage, busy, read, clear };
}

interface PhotoButtonsProps {
  /** `first`: the screen's main action, large. `more`: another page for the list under review. */
  kind: 'first' | 'more';
  disabled: boolean;
  onFiles: (files: File[]) => void;
  /** Further actions shown beside "choose photos" (e.g. typing the menu instead). */
  children?: ReactNode;
}

/**
 * "Photograph the menu": a large button that opens the phone's camera (`capture`), and a smaller one
 * for photos already taken, several pages at once (`capture` forces the camera on some phones).
 * Each button is the label of a visually hidden file input, so it is the input that takes the
 * focus and the keyboard, and what assistive technology and the tests find by its name.
 */
export function PhotoButtons({ kind, disabled, onFiles, children }: PhotoButtonsProps) {
  const t = useTranslations('PhotoMenuReader');
  const id = useId();
  const cameraId = `${id}-camera`;
  const libraryId = `${id}-library`;
  const hintId = `${id}-hint`;

  function take(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    // The same photo can be chosen again after a failed reading.
    event.target.value = '';
    if (files.length > 0) onFiles(files);
  }

  return (
    <div className={`photo-buttons photo-buttons-${kind}`}>
      <input
        id={cameraId}
        className="file-input"
        type="file"
        accept="image/*"
        capture="environment"
        disabled={disabled}
        onChange={take}
        aria-describedby={hintId}
      />
      <label htmlFor={cameraId} className={`button ${kind === 'first' ? 'primary camera-button' : 'wide'}`}>
        <CameraIcon />
        <span>{kind === 'first' ? t('photoLabel') : t('addPageLabel')}</span>
      </label>
      <p id={hintId} className="hint">
        {kind === 'first' ? t('photoHint') : t('addPageHint', { max: MAX_PHOTOS })}
      </p>
      <div className="photo-secondary">
        <input
          id={libraryId}
          className="file-input"
          type="file"
          accept="image/*"
          multiple
          disabled={disabled}
          onChange={take}
        />
        <label htmlFor={libraryId} className="button">
          {kind === 'first' ? t('libraryLabel') : t('moreLibraryLabel')}
        </label>
        {children}
      </div>
    </div>
  );
}

function CameraIcon() {
  return (
    <svg
      className="camera-icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M4 8h3l2-3h6l2 3h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z" />
      <circle cx="12" cy="13.5" r="3.5" />
    </svg>
  );
}

/** Where the reading is (upload, queue, reading), or why it failed. */
export function PhotoProgress({ stage }: { stage: ReadingStage }) {
  const t = useTranslations('PhotoMenuReader');
  if (stage.kind === 'idle') return null;
  if (stage.kind === 'failed') {
    return (
      <p className="form-error" role="alert" data-testid="photo-error">
        {stage.message}
      </p>
    );
  }
  const label =
    stage.kind === 'uploading'
      ? t('uploading')
      : stage.kind === 'queued'
        ? t('queued', { position: stage.position })
        : t('reading');
  const fraction = stage.kind === 'queued' ? 0 : stage.fraction;
  return (
    <div className="photo-progress" data-testid="photo-progress" data-stage={stage.kind}>
      <p aria-live="polite">{label}</p>
      <progress value={Math.round(fraction * 100)} max={100} aria-label={label} />
    </div>
  );
}
