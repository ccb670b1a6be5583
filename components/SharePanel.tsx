'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

const subscribeNever = () => () => {};

/**
 * The QR code's side in CSS pixels: on the host's screen it is held out across a table, and a phone
 * camera reads 260 px from an arm's length; a guest's copy is for passing on to one more person.
 */
const QR_SIZE = { host: 260, guest: 150 } as const;

/** Browser-only facts read without a hydration mismatch: the server renders the empty fallbacks. */
function useBrowserValue<T>(read: () => T, onServer: T): T {
  return useSyncExternalStore(subscribeNever, read, () => onServer);
}

interface SharePanelProps {
  roomId: string;
  code: string;
  title: string;
  isHost: boolean;
}

/** Link, QR code and join code: three ways in, for phones that scan, tap or can only type. */
export function SharePanel({ roomId, code, title, isHost }: SharePanelProps) {
  const t = useTranslations('SharePanel');
  const origin = useBrowserValue(() => window.location.origin, '');
  const canShare = useBrowserValue(() => typeof navigator.share === 'function', false);
  const url = origin ? `${origin}/r/${roomId}` : '';
  const [qr, setQr] = useState<string | null>(null);
  // The message's key, not its text: it stays right when the language is switched.
  const [copied, setCopied] = useState<'copied' | 'selectToCopy' | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  // The host's code is shown first; a guest's is at the bottom of the room, and drawing it costs a
  // slow phone about a third of a second: it is drawn when the panel comes near the screen.
  const [wanted, setWanted] = useState(isHost);
  useEffect(() => {
    const panel = panelRef.current;
    if (wanted || !panel) return;
    if (typeof IntersectionObserver !== 'function') {
      setWanted(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setWanted(true);
      },
      { rootMargin: '300px' },
    );
    observer.observe(panel);
    return () => observer.disconnect();
  }, [wanted]);

  useEffect(() => {
    if (!url || !wanted) return;
    let current = true;
    // Drawn on the phone: no QR web service, so it works on a bad connection and leaks nothing.
    // The QR library is fetched here, after the room is on screen, not with the page's first script.
    import('qrcode')
      .then(({ default: QRCode }) =>
        QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      )
      .then((svg) => current && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => current && setQr(null));
    return () => {
      current = false;
    };
  }, [url, wanted]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      // No clipboard API (plain http, old browser): select the text so a long-press copies it.
      linkRef.current?.select();
      setCopied(document.execCommand('copy') ? 'copied' : 'selectToCopy');
    }
  }

  function share() {
    navigator
      .share({ title: t('shareTitle', { title }), text: t('shareText', { title, code }), url })
      .catch(() => {
        // Cancelled by the person, or refused by the browser: the link and code are still on screen.
      });
  }

  const size = isHost ? QR_SIZE.host : QR_SIZE.guest;
  // Sized here rather than in the shared .qr rule: the host's code is too wide to sit beside the
  // join code on a 390 px phone, so it goes above it.
  const sized = { width: size, height: size };
  return (
    <section
      ref={panelRef}
      className={`card share${isHost ? ' share-host' : ''}`}
      aria-labelledby="share-title"
    >
      <h2 id="share-title">{isHost ? t('titleHost') : t('titleGuest')}</h2>
      <div
        className="share-main"
        style={isHost ? { flexDirection: 'column', alignItems: 'center' } : undefined}
      >
        {qr ? (
          // biome-ignore lint/performance/noImgElement: a data URL drawn on the phone; next/image has nothing to optimise
          <img className="qr" src={qr} alt={t('qrAlt')} data-qr-url={url} {...sized} style={sized} />
        ) : (
          <div className="qr qr-placeholder" aria-hidden="true" style={sized} />
        )}
        <div className="share-code">
          <p className="hint">{origin ? t('codeFor', { host: new URL(origin).host }) : t('code')}</p>
          {/* Two groups of three, on two lines: easy to read aloud and to copy across a table. */}
          <p className="join-code" data-testid="join-code" data-code={code}>
            <span>{code.slice(0, 3)}</span> <span>{code.slice(3)}</span>
          </p>
        </div>
      </div>
      <label htmlFor="share-link">{t('linkLabel')}</label>
      <input id="share-link" ref={linkRef} className="share-link" value={url} readOnly />
      <div className="share-actions">
        <button type="button" className="button" onClick={copy} disabled={!url}>
          {t('copy')}
        </button>
        {canShare && (
          <button type="button" className="button" onClick={share}>
            {t('share')}
          </button>
        )}
      </div>
      <p className="copied" aria-live="polite">
        {copied && t(copied)}
      </p>
    </section>
  );
}
