import { useLocale, useTranslations } from 'next-intl';
import type { ParsedMenuLine } from '@/lib/menuText';
import { type CurrencyCode, formatMoney } from '@/lib/money';

/** What the room will contain, line by line, so a misread price is caught before the room opens. */
export function MenuPreview({ lines, currency }: { lines: ParsedMenuLine[]; currency: CurrencyCode }) {
  const t = useTranslations('MenuPreview');
  const locale = useLocale();
  const dishes = lines.filter((line) => line.dish).length;
  const toFix = lines.length - dishes;
  const count =
    lines.length === 0 ? t('empty') : toFix ? t('countToFix', { dishes, toFix }) : t('count', { dishes });
  return (
    <div className="preview">
      {/* Only the count is live: announcing the whole list on every keystroke would drown a screen reader. */}
      <p className="preview-count" id="menu-preview-count" aria-live="polite">
        {count}
      </p>
      {lines.length > 0 && (
        <ol className="preview-list" aria-label={t('listLabel')}>
          {lines.map((line) =>
            line.dish ? (
              <li key={line.line} className="preview-dish">
                <span className="name">{line.dish.name}</span>
                <span className="price">{formatMoney(line.dish.priceMinor, currency, locale)}</span>
              </li>
            ) : (
              // The line's own problem comes from the menu text reader, in English for now.
              <li key={line.line} className="preview-error">
                {t('lineError', { line: line.line, error: line.error ?? '' })}
              </li>
            ),
          )}
        </ol>
      )}
    </div>
  );
}
