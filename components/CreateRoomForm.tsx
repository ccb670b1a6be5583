'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { saveHostCredentials } from '@/lib/roomClient/browser';
import { randomId } from '@/lib/roomClient/randomId';
import { inferTypedCurrency, parseMenuText } from '@/lib/menuText';
import { CURRENCIES, CURRENCY_CODES, type CurrencyCode } from '@/lib/money';
import {
  CreateRoomRequestSchema,
  describeZodError,
  type CreateRoomRequest,
  type CreateRoomResponse,
  type Photo,
  type PhotoJobResult,
} from '@/lib/protocol';
import {
  MAX_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  MENU_LANGUAGE_CODES,
  type MenuLanguageCode,
} from '@/lib/protocolValues';
import { MENU_LANGUAGES } from '@/lib/menuReading/languages';
import { guessLanguageFromScript } from '@/lib/menuLanguageGuess';
import { useApiErrorReader } from './apiError';
import { MenuEditor } from './MenuEditor';
import { checkMenu, type EditableDish, toEditableDishes } from './menuEditorModel';
import { MenuPreview } from './MenuPreview';
import { PhotoButtons, PhotoProgress, usePhotoReading } from './PhotoMenuReader';
import { loadSavedName, saveName } from './savedName';
import { useTextCheck, useTextProblemMessage } from './useTextCheck';

/** Dishes read from the menu's photos, under review before the room opens. */
interface PhotoMenu {
  rows: EditableDish[];
  photos: Photo[];
  /** The photos as chosen, every page, to read them again in another language. */
  files: File[];
  /** The language the photos were read in. */
  readIn: MenuLanguageCode;
}

/** Which reading is under way: the first photo, another page, or the same photos in another language. */
type Pending = 'first' | 'more' | 'again';

const isCurrency = (code: string): code is CurrencyCode => (CURRENCY_CODES as string[]).includes(code);

/**
 * "Open a room", camera first: the host photographs the menu (or picks photos, or types the
 * dishes), then checks every dish with the menu's language and currency as read, and only then
 * gives a name and, if they like, a title.
 */
export function CreateRoomForm() {
  const t = useTranslations('CreateRoomForm');
  const tCheck = useTranslations('MenuCheck');
  const describeText = useTextProblemMessage();
  const checkText = useTextCheck();
  const errors = useTranslations('Errors');
  const readApiError = useApiErrorReader();
  // The room's title when the host leaves it empty, in the host's language (the room keeps it as typed).
  const defaultTitle = t('defaultTitle');
  const router = useRouter();
  const reading = usePhotoReading();
  const [pending, setPending] = useState<Pending>('first');
  const [hostName, setHostName] = useState('');
  const [title, setTitle] = useState('');
  const [currency, setCurrency] = useState<CurrencyCode>('KRW');
  // Until the host picks a currency, a typed menu's own signs (฿60, 12,00 €, 850円) choose it.
  const [currencyPicked, setCurrencyPicked] = useState(false);
  // The menu's language (the staff card speaks it): read from the photo, or guessed from the typed
  // names' script, until the host picks one.
  const [language, setLanguage] = useState<MenuLanguageCode | null>(null);
  const [typing, setTyping] = useState(false);
  const [menuText, setMenuText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One Idempotency-Key per room asked for: sent again with the same request (a tap after no
  // answer), it gives back the room the first attempt may have opened instead of a second one.
  const creation = useRef<{ body: string; key: string } | null>(null);
  const lines = useMemo(() => parseMenuText(menuText, currency), [menuText, currency]);
  const [photoMenu, setPhotoMenu] = useState<PhotoMenu | null>(null);
  const photoCheck = useMemo(
    () => (photoMenu ? checkMenu(photoMenu.rows, currency, tCheck, describeText) : null),
    [photoMenu, currency, tCheck, describeText],
  );
  const mode = photoMenu ? 'review' : typing ? 'typed' : 'start';
  const menuLanguage: MenuLanguageCode =
    language ?? photoMenu?.readIn ?? guessLanguageFromScript(menuText) ?? 'en';
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const menuTextRef = useRef<HTMLTextAreaElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const [focus, setFocus] = useState<'review' | 'text' | null>(null);

  // Read after hydration: localStorage does not exist on the server.
  useEffect(() => setHostName((typed) => typed || loadSavedName()), []);

  // The control that was tapped is gone once the screen changes: focus goes to what replaced it.
  useEffect(() => {
    if (focus === 'review') reviewHeading.current?.focus();
    if (focus === 'text') menuTextRef.current?.focus();
    if (focus) setFocus(null);
  }, [focus]);

  /** The rows of one reading; its prices as printed, whatever currency the reader assumed. */
  function rowsOf(result: PhotoJobResult): EditableDish[] {
    return toEditableDishes(result.dishes, isCurrency(result.currency) ? result.currency : currency);
  }

  async function readFirst(files: File[]) {
    setPending('first');
    const result = await reading.read(files, null);
    if (!result) return;
    if (isCurrency(result.currency)) setCurrency(result.currency);
    setLanguage(result.language);
    setPhotoMenu({ rows: rowsOf(result), photos: result.photos, files, readIn: result.language });
    setError(null);
    setFocus('review');
  }

  // Another page of the same menu, read in the menu's language; its dishes go after the others.
  async function readMore(files: File[]) {
    if (!photoMenu) return;
    setPending('more');
    const result = await reading.read(files, menuLanguage, photoMenu.files.length);
    if (!result) return;
    setPhotoMenu((menu) =>
      menu
        ? {
            ...menu,
            rows: [...menu.rows, ...rowsOf(result)],
            photos: [...menu.photos, ...result.photos],
            files: [...menu.files, ...files],
          }
        : menu,
    );
  }

  // Every page again in the language the host says the menu is in: a new list replaces this one.
  async function readAgain() {
    if (!photoMenu) return;
    setPending('again');
    const readIn = menuLanguage;
    const result = await reading.read(photoMenu.files, readIn);
    if (!result) return;
    setPhotoMenu({ rows: rowsOf(result), photos: result.photos, files: photoMenu.files, readIn });
  }

  function validate(): CreateRoomRequest | string {
    const common = { title: title.trim() || defaultTitle, currency, language: menuLanguage, hostName };
    let parsed: ReturnType<typeof CreateRoomRequestSchema.safeParse>;
    if (photoMenu && photoCheck) {
      if (!photoCheck.dishes) return photoCheck.summary ?? t('fixMarked');
      parsed = CreateRoomRequestSchema.safeParse({
        ...common,
        dishes: photoCheck.dishes,
        photoIds: photoMenu.photos.map((photo) => photo.id),
      });
    } else {
      const bad = lines.find((line) => line.error);
      if (bad) return t('badLine', { line: bad.line, error: bad.error ?? '' });
      const dishes = lines.flatMap((line) => (line.dish ? [line.dish] : []));
      if (dishes.length === 0) return t('noDishes');
      parsed = CreateRoomRequestSchema.safeParse({ ...common, dishes });
    }
    if (!hostName.trim()) return t('nameMissing');
    // The schema's own text rules, said in the host's language (the schema's messages are English).
    const nameProblem = checkText(hostName, MAX_NAME_LENGTH);
    if (nameProblem) return `${t('hostNameLabel')}: ${nameProblem}`;
    const titleProblem = checkText(common.title, MAX_TITLE_LENGTH);
    if (titleProblem) return `${t('roomTitleLabel')}: ${titleProblem}`;
    return parsed.success ? parsed.data : describeZodError(parsed.error);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate();
    if (typeof request === 'string') {
      setError(request);
      if (request === t('nameMissing')) nameRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const body = JSON.stringify(request);
    if (creation.current?.body !== body) creation.current = { body, key: randomId() };
    try {
      const response = await fetch('/api/rooms', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': creation.current.key },
        body,
      });
      if (!response.ok) throw new Error(await readApiError(response));
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

  const settings = (
    <MenuSettings
      language={menuLanguage}
      currency={currency}
      onLanguage={setLanguage}
      onCurrency={(picked) => {
        setCurrency(picked);
        setCurrencyPicked(true);
      }}
      fromPhoto={mode === 'review'}
    />
  );

  return (
    <section className="card create-room" aria-labelledby="open-room-title">
      <h2 id="open-room-title">{t('title')}</h2>
      <form onSubmit={onSubmit} noValidate className="stack">
        {mode === 'start' && (
          <>
            <PhotoButtons kind="first" disabled={reading.busy} onFiles={(files) => void readFirst(files)}>
              <button
                type="button"
                className="button"
                onClick={() => {
                  reading.clear();
                  setTyping(true);
                  setFocus('text');
                }}
              >
                {t('typeMenu')}
              </button>
            </PhotoButtons>
            <PhotoProgress stage={reading.stage} />
          </>
        )}

        {mode === 'review' && photoMenu && (
          <div className="stack" data-testid="photo-review">
            <h3 ref={reviewHeading} tabIndex={-1}>
              {t('photoReviewTitle')}
            </h3>
            {settings}
            {menuLanguage !== photoMenu.readIn && (
              <div className="stack read-again">
                <button
                  type="button"
                  className="button wide"
                  disabled={reading.busy}
                  onClick={() => void readAgain()}
                  aria-describedby="read-again-hint"
                >
                  {t('readAgain', { language: MENU_LANGUAGES[menuLanguage].label })}
                </button>
                <p id="read-again-hint" className="hint">
                  {t('readAgainHint')}
                </p>
              </div>
            )}
            {pending === 'again' && <PhotoProgress stage={reading.stage} />}
            <p className="hint">{t('photoReviewHint')}</p>
            <MenuEditor
              dishes={photoMenu.rows}
              currency={currency}
              photos={photoMenu.photos}
              check={photoCheck ?? undefined}
              onChange={(rows) => setPhotoMenu({ ...photoMenu, rows })}
            />
            <PhotoButtons kind="more" disabled={reading.busy} onFiles={(files) => void readMore(files)} />
            {pending === 'more' && <PhotoProgress stage={reading.stage} />}
            <button
              type="button"
              className="button subtle"
              onClick={() => {
                reading.clear();
                setPhotoMenu(null);
                setTyping(true);
                setFocus('text');
              }}
            >
              {t('typeInstead')}
            </button>
          </div>
        )}

        {mode === 'typed' && (
          <>
            <button
              type="button"
              className="button small subtle back-to-photo"
              onClick={() => setTyping(false)}
            >
              {t('usePhoto')}
            </button>
            <div className="field">
              <label htmlFor="menu-text">{t('menuTextLabel')}</label>
              <textarea
                ref={menuTextRef}
                id="menu-text"
                name="dishes"
                value={menuText}
                onChange={(event) => {
                  const text = event.target.value;
                  setMenuText(text);
                  const printed = currencyPicked
                    ? null
                    : inferTypedCurrency(text, language ?? guessLanguageFromScript(text));
                  if (printed) setCurrency(printed);
                }}
                rows={6}
                placeholder={t('menuTextPlaceholder')}
                spellCheck={false}
                aria-describedby="menu-preview-count"
              />
              <MenuPreview lines={lines} currency={currency} />
            </div>
            {settings}
          </>
        )}

        {mode !== 'start' && (
          <div className="stack open-details">
            <div className="field">
              <label htmlFor="host-name">{t('hostNameLabel')}</label>
              <input
                ref={nameRef}
                id="host-name"
                name="hostName"
                value={hostName}
                onChange={(event) => setHostName(event.target.value)}
                autoComplete="nickname"
              />
            </div>
            <div className="field">
              <label htmlFor="room-title">
                {t('roomTitleLabel')} <span className="optional">{t('optional')}</span>
              </label>
              <input
                id="room-title"
                name="title"
                value={title}
                onChange={(event) => setTitle(event.target.value)}
                placeholder={defaultTitle}
                aria-describedby="room-title-hint"
              />
              <p id="room-title-hint" className="hint">
                {t('roomTitleHint', { defaultTitle })}
              </p>
            </div>
            {error && (
              <p className="form-error" role="alert" data-testid="create-error">
                {error}
              </p>
            )}
            <button type="submit" className="button primary wide open-button" disabled={busy || reading.busy}>
              {busy ? t('submitting') : t('submit')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

interface MenuSettingsProps {
  language: MenuLanguageCode;
  currency: CurrencyCode;
  onLanguage: (language: MenuLanguageCode) => void;
  onCurrency: (currency: CurrencyCode) => void;
  /** Both were read from the photo: say so, so a wrong guess gets corrected. */
  fromPhoto: boolean;
}

/** The menu's language and currency, side by side with the dishes they apply to. */
function MenuSettings({ language, currency, onLanguage, onCurrency, fromPhoto }: MenuSettingsProps) {
  const t = useTranslations('CreateRoomForm');
  return (
    <div className="menu-settings">
      <div className="field">
        <label htmlFor="menu-language">{t('languageLabel')}</label>
        <select
          id="menu-language"
          name="language"
          value={language}
          onChange={(event) => onLanguage(event.target.value as MenuLanguageCode)}
          aria-describedby="menu-settings-hint"
        >
          {MENU_LANGUAGE_CODES.map((code) => (
            <option key={code} value={code}>
              {MENU_LANGUAGES[code].label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="currency">{t('currencyLabel')}</label>
        <select
          id="currency"
          name="currency"
          value={currency}
          onChange={(event) => onCurrency(event.target.value as CurrencyCode)}
          aria-describedby="menu-settings-hint"
        >
          {CURRENCY_CODES.map((code) => (
            <option key={code} value={code}>
              {code} ({CURRENCIES[code].symbol})
            </option>
          ))}
        </select>
      </div>
      <p id="menu-settings-hint" className="hint">
        {fromPhoto ? t('photoSettingsHint') : t('languageHint')}
      </p>
    </div>
  );
}
