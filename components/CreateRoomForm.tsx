'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { saveHostCredentials } from '@/lib/roomClient/browser';
import { parseMenuText } from '@/lib/menuText';
import { CURRENCIES, CURRENCY_CODES, type CurrencyCode } from '@/lib/money';
import {
  type CreateRoomRequest,
  CreateRoomRequestSchema,
  type CreateRoomResponse,
  describeZodError,
  MAX_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  MENU_LANGUAGE_CODES,
  type MenuLanguageCode,
  type Photo,
  type PhotoJobResult,
} from '@/lib/protocol';
import { MENU_LANGUAGES } from '@/lib/menuReading/languages';
import { guessLanguageFromScript } from '@/lib/menuLanguageGuess';
import { readApiError } from './apiError';
import { MenuEditor } from './MenuEditor';
import { checkMenu, type EditableDish, toEditableDishes } from './menuEditorModel';
import { MenuPreview } from './MenuPreview';
import { PhotoMenuReader } from './PhotoMenuReader';
import { loadSavedName, saveName } from './savedName';

/** "Open a room": the host's name, a title, the currency and the dishes typed or pasted from the menu. */
export function CreateRoomForm() {
  const t = useTranslations('CreateRoomForm');
  const tCheck = useTranslations('MenuCheck');
  const errors = useTranslations('Errors');
  // The room's title when the host leaves it empty, in the host's language (the room keeps it as typed).
  const defaultTitle = t('defaultTitle');
  const router = useRouter();
  const [hostName, setHostName] = useState('');
  const [title, setTitle] = useState('');
  const [currency, setCurrency] = useState<CurrencyCode>('KRW');
  // The menu's language (the staff card speaks it): read from the photo, or guessed from the typed
  // names' script, until the host picks one.
  const [language, setLanguage] = useState<MenuLanguageCode | null>(null);
  const [menuText, setMenuText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lines = useMemo(() => parseMenuText(menuText, currency), [menuText, currency]);
  const menuLanguage: MenuLanguageCode = language ?? guessLanguageFromScript(menuText) ?? 'en';
  // Dishes read from menu photos, under review; null while the host types the dishes instead.
  const [photoMenu, setPhotoMenu] = useState<{ rows: EditableDish[]; photos: Photo[] } | null>(null);
  const photoCheck = useMemo(
    () => (photoMenu ? checkMenu(photoMenu.rows, currency, tCheck) : null),
    [photoMenu, currency, tCheck],
  );

  function onPhotosRead(result: PhotoJobResult) {
    const readCurrency = (CURRENCY_CODES as string[]).includes(result.currency)
      ? (result.currency as CurrencyCode)
      : currency;
    setCurrency(readCurrency);
    setLanguage(result.language);
    setPhotoMenu({ rows: toEditableDishes(result.dishes, readCurrency), photos: result.photos });
    setError(null);
  }

  // Read after hydration: localStorage does not exist on the server.
  useEffect(() => setHostName((typed) => typed || loadSavedName()), []);

  function validate(): CreateRoomRequest | string {
    if (!hostName.trim()) return t('nameMissing');
    if (photoMenu && photoCheck) {
      if (!photoCheck.dishes) return photoCheck.summary ?? t('fixMarked');
      const parsed = CreateRoomRequestSchema.safeParse({
        title: title.trim() || defaultTitle,
        currency,
        language: menuLanguage,
        hostName,
        dishes: photoCheck.dishes,
        photoIds: photoMenu.photos.map((photo) => photo.id),
      });
      return parsed.success ? parsed.data : describeZodError(parsed.error);
    }
    const bad = lines.find((line) => line.error);
    if (bad) return t('badLine', { line: bad.line, error: bad.error ?? '' });
    const dishes = lines.flatMap((line) => (line.dish ? [line.dish] : []));
    if (dishes.length === 0) return t('noDishes');
    const parsed = CreateRoomRequestSchema.safeParse({
      title: title.trim() || defaultTitle,
      currency,
      language: menuLanguage,
      hostName,
      dishes,
    });
    return parsed.success ? parsed.data : describeZodError(parsed.error);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate();
    if (typeof request === 'string') {
      setError(request);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/rooms', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      if (!response.ok)
        throw new Error(await readApiError(response, (status) => errors('serverStatus', { status })));
      const created = (await response.json()) as CreateRoomResponse;
      saveHostCredentials({
        roomId: created.roomId,
        memberId: created.memberId,
        memberToken: created.memberToken,
      });
      saveName(request.hostName);
      router.push(`/r/${created.roomId}`);
    } catch (caught) {
      // Everything typed stays in the form: only the message changes.
      setError(caught instanceof TypeError ? errors('unreachable') : (caught as Error).message);
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="open-room-title">
      <h2 id="open-room-title">{t('title')}</h2>
      <form onSubmit={onSubmit} noValidate className="stack">
        <div className="field">
          <label htmlFor="host-name">{t('hostNameLabel')}</label>
          <input
            id="host-name"
            name="hostName"
            value={hostName}
            onChange={(event) => setHostName(event.target.value)}
            autoComplete="nickname"
            maxLength={MAX_NAME_LENGTH}
          />
        </div>
        <div className="field">
          <label htmlFor="room-title">{t('roomTitleLabel')}</label>
          <input
            id="room-title"
            name="title"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder={defaultTitle}
            maxLength={MAX_TITLE_LENGTH}
            aria-describedby="room-title-hint"
          />
          <p id="room-title-hint" className="hint">
            {t('roomTitleHint', { defaultTitle })}
          </p>
        </div>
        <div className="field">
          <label htmlFor="currency">{t('currencyLabel')}</label>
          <select
            id="currency"
            name="currency"
            value={currency}
            onChange={(event) => setCurrency(event.target.value as CurrencyCode)}
          >
            {CURRENCY_CODES.map((code) => (
              <option key={code} value={code}>
                {code} ({CURRENCIES[code].symbol})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="menu-language">{t('languageLabel')}</label>
          <select
            id="menu-language"
            name="language"
            value={menuLanguage}
            onChange={(event) => setLanguage(event.target.value as MenuLanguageCode)}
            aria-describedby="menu-language-hint"
          >
            {MENU_LANGUAGE_CODES.map((code) => (
              <option key={code} value={code}>
                {MENU_LANGUAGES[code].label}
              </option>
            ))}
          </select>
          <p id="menu-language-hint" className="hint">
            {t('languageHint')}
          </p>
        </div>
        {photoMenu ? (
          <div className="stack" data-testid="photo-review">
            <h3>{t('photoReviewTitle')}</h3>
            <p className="hint">{t('photoReviewHint')}</p>
            <MenuEditor
              dishes={photoMenu.rows}
              currency={currency}
              photos={photoMenu.photos}
              check={photoCheck ?? undefined}
              onChange={(rows) => setPhotoMenu({ ...photoMenu, rows })}
            />
            <button type="button" className="button secondary" onClick={() => setPhotoMenu(null)}>
              {t('typeInstead')}
            </button>
          </div>
        ) : (
          <>
            <PhotoMenuReader onRead={onPhotosRead} />
            <div className="field">
              <label htmlFor="menu-text">{t('menuTextLabel')}</label>
              <textarea
                id="menu-text"
                name="dishes"
                value={menuText}
                onChange={(event) => setMenuText(event.target.value)}
                rows={6}
                placeholder={t('menuTextPlaceholder')}
                spellCheck={false}
                aria-describedby="menu-preview-count"
              />
              <MenuPreview lines={lines} currency={currency} />
            </div>
          </>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="create-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('submitting') : t('submit')}
        </button>
      </form>
    </section>
  );
}
