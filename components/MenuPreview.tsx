import type { ParsedMenuLine } from '@/lib/menuText';
import { type CurrencyCode, formatMoney } from '@/lib/money';

function countText(lines: ParsedMenuLine[]): string {
  if (lines.length === 0) return 'Dishes you type appear here with their prices.';
  const dishes = lines.filter((line) => line.dish).length;
  const toFix = lines.length - dishes;
  return `${dishes} ${dishes === 1 ? 'dish' : 'dishes'} read${toFix ? `, ${toFix} to fix` : ''}`;
}

/** What the room will contain, line by line, so a misread price is caught before the room opens. */
export function MenuPreview({ lines, currency }: { lines: ParsedMenuLine[]; currency: CurrencyCode }) {
  return (
    <div className="preview">
      {/* Only the count is live: announcing the whole list on every keystroke would drown a screen reader. */}
      <p className="preview-count" id="menu-preview-count" aria-live="polite">
        {countText(lines)}
      </p>
      {lines.length > 0 && (
        <ol className="preview-list" aria-label="Dishes read from your text">
          {lines.map((line) =>
            line.dish ? (
              <li key={line.line} className="preview-dish">
                <span className="name">{line.dish.name}</span>
                <span className="price">{formatMoney(line.dish.priceMinor, currency)}</span>
              </li>
            ) : (
              <li key={line.line} className="preview-error">
                Line {line.line}: {line.error}
              </li>
            ),
          )}
        </ol>
      )}
    </div>
  );
}
