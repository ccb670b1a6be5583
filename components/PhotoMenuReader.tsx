'use client';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { MENU_LANGUAGE_CODES, MENU_LANGUAGES, type MenuLanguageCode } from '@/lib/menuReading/languages';
import type { PhotoJob, PhotoJobResult } from '@/lib/protocol';
import { MAX_PHOTOS } from '@/lib/protocol';

interface PhotoMenuReaderProps {
  onRead: (result: PhotoJobResult) => void;
}

type Stage =
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
  language: string,
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

/**
 * "Photograph the menu": the phone's camera (or several pages from the gallery) → upload → the
 * server reads the dishes. The language is guessed from the photo unless the host picks one;
 * picking another one afterwards reads the same photos again.
 */
export function PhotoMenuReader({ onRead }: PhotoMenuReaderProps) {
  const t = useTranslations('PhotoMenuReader');
  const errors = useTranslations('Errors');
  const [language, setLanguage] = useState<MenuLanguageCode | ''>('');
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const files = useRef<File[]>([]);

  async function read(chosen: File[], lang: MenuLanguageCode | '') {
    if (chosen.length === 0) return;
    if (chosen.length > MAX_PHOTOS) {
      setStage({ kind: 'failed', message: t('tooMany', { max: MAX_PHOTOS }) });
      return;
    }
    files.current = chosen;
    try {
      setStage({ kind: 'uploading', fraction: 0 });
      const jobId = await upload(chosen, lang, (fraction) => setStage({ kind: 'uploading', fraction }), {
        failed: (status) => t('uploadFailed', { status }),
        unreachable: errors('unreachable'),
      });
      for (;;) {
        const response = await fetch(`/api/photos/jobs/${jobId}`, { cache: 'no-store' });
        const job = (await response.json()) as PhotoJob & { error?: { message: string } };
        if (!response.ok) throw new Error(job.error?.message ?? t('unreadable'));
        if (job.status === 'failed') throw new Error(job.error?.message ?? t('unreadable'));
        if (job.status === 'done' && job.result) {
          setLanguage(job.result.language);
          setStage({ kind: 'idle' });
          onRead(job.result);
          return;
        }
        setStage(
          job.status === 'queued'
            ? { kind: 'queued', position: job.position }
            : { kind: 'reading', fraction: job.progress },
        );
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      setStage({ kind: 'failed', message: (error as Error).message });
    }
  }

  const busy = stage.kind === 'uploading' || stage.kind === 'queued' || stage.kind === 'reading';
  return (
    <div className="stack photo-reader">
      <div className="field">
        <label htmlFor="menu-photo">{t('photoLabel')}</label>
        <input
          id="menu-photo"
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          disabled={busy}
          onChange={(event) => void read([...(event.target.files ?? [])], language)}
          aria-describedby="menu-photo-hint"
        />
        <p id="menu-photo-hint" className="hint">
          {t('photoHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="menu-language">{t('languageLabel')}</label>
        <select
          id="menu-language"
          value={language}
          disabled={busy}
          onChange={(event) => {
            const next = event.target.value as MenuLanguageCode | '';
            setLanguage(next);
            // Read the same photos again in the language the host says the menu is in.
            if (files.current.length > 0) void read(files.current, next);
          }}
        >
          <option value="">{t('detectLanguage')}</option>
          {MENU_LANGUAGE_CODES.map((code) => (
            <option key={code} value={code}>
              {MENU_LANGUAGES[code].label}
            </option>
          ))}
        </select>
      </div>
      <PhotoProgress stage={stage} />
    </div>
  );
}

function PhotoProgress({ stage }: { stage: Stage }) {
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
