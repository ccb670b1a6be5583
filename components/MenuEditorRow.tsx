'use client';
import { useLocale, useTranslations } from 'next-intl';
import { memo } from 'react';
import { CURRENCIES, type CurrencyCode, formatMoney, parsePrice } from '@/lib/money';
import type { Photo } from '@/lib/protocol';
import { BoxCrop } from './BoxCrop';
import { type EditableDish, priceToText, type RowProblems } from './menuEditorModel';

export type RowControl = 'name' | 'up' | 'down';

interface MenuEditorRowProps {
  row: EditableDish;
  /** 0-based place in the list; people see it 1-based. */
  index: number;
  count: number;
  currency: CurrencyCode;
  problems: RowProblems | undefined;
  showProblems: boolean;
  /** The photo the dish was read from, when it is one of the menu's photos; page is 1-based. */
  photo: Photo | undefined;
  photoPage: number;
  photoPages: number;
  /** Element id of one of this row's controls, so the list can move focus after a change. */
  controlId: (key: string, control: RowControl) => string;
  onEdit: (key: string, patch: Partial<EditableDish>) => void;
  onDelete: (index: number) => void;
  onMerge: (index: number) => void;
  onMove: (index: number, delta: number) => void;
  onTouch: (key: string) => void;
}

/** One dish in the review list: its line on the photo, then name, price and section, then actions. */
export const MenuEditorRow = memo(function MenuEditorRow(props: MenuEditorRowProps) {
  const { row, index, count, currency, problems, showProblems, photo, controlId } = props;
  const t = useTranslations('MenuEditorRow');
  const locale = useLocale();
  const number = index + 1;
  const label = row.name.trim() || t('fallbackLabel', { number });
  const nameId = controlId(row.key, 'name');
  const priceId = `${nameId}-price`;
  const nameError = showProblems ? problems?.name : undefined;
  const priceError = showProblems ? problems?.price : undefined;
  const categoryError = showProblems ? problems?.category : undefined;
  const priceMinor = row.priceText.trim() ? parsePrice(row.priceText, currency) : null;
  const reading =
    priceMinor !== null && priceToText(priceMinor, currency) !== row.priceText.trim()
      ? formatMoney(priceMinor, currency, locale)
      : null;
  const edit = (patch: Partial<EditableDish>) => props.onEdit(row.key, patch);
  const touch = () => props.onTouch(row.key);

  return (
    <li
      className={`editor-row${nameError || priceError || categoryError ? ' has-problem' : ''}`}
      data-testid="editor-row"
      data-dish-id={row.id}
      data-key={row.key}
    >
      {photo && row.box && (
        <div className="editor-crop">
          {props.photoPages > 1 && (
            <span className="editor-photo-ref" aria-hidden="true">
              {t('photoPage', { page: props.photoPage })}
            </span>
          )}
          <BoxCrop
            box={row.box}
            photo={photo}
            label={t('cropLabel', { number, page: props.photoPage, pages: props.photoPages })}
          />
        </div>
      )}

      <div className="editor-name">
        <span className="editor-num" aria-hidden="true">
          {number}
        </span>
        <input
          id={nameId}
          aria-label={t('nameLabel', { number })}
          value={row.name}
          onChange={(event) => edit({ name: event.target.value })}
          onBlur={touch}
          placeholder={t('namePlaceholder')}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="next"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${nameId}-error` : undefined}
        />
      </div>
      {nameError && (
        <p id={`${nameId}-error`} className="field-error">
          {nameError}
        </p>
      )}

      <div className="editor-pair">
        <label className="affix">
          <span className="affix-label">{CURRENCIES[currency].symbol}</span>
          <input
            id={priceId}
            aria-label={t('priceLabel', { number })}
            value={row.priceText}
            onChange={(event) => edit({ priceText: event.target.value })}
            onBlur={touch}
            placeholder={t('pricePlaceholder')}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="next"
            aria-invalid={priceError ? true : undefined}
            aria-describedby={`${priceId}-note`}
          />
        </label>
        <label className="affix">
          <span className="affix-label">{t('section')}</span>
          <input
            aria-label={t('sectionLabel', { number })}
            value={row.category ?? ''}
            onChange={(event) => edit({ category: event.target.value })}
            placeholder={t('sectionPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={categoryError ? true : undefined}
          />
        </label>
      </div>
      {/* How the price was read, when that differs from what is typed: "1.500" in euros reads as
          €1,500.00, not €1.50, and the host sees it before the table does. */}
      <p id={`${priceId}-note`} className={priceError ? 'field-error' : 'price-reading'}>
        {priceError ?? (reading !== null ? t('readsAs', { price: reading }) : '')}
      </p>
      {categoryError && <p className="field-error">{t('sectionError', { error: categoryError })}</p>}

      {/* Two groups that wrap as wholes: on a narrow phone, or in a language with long words, the
          fixes move under the arrows instead of pushing Delete out of the card. */}
      <div className="editor-actions">
        <span className="editor-move">
          <button
            type="button"
            id={controlId(row.key, 'up')}
            className="button icon"
            aria-label={t('moveUp', { label })}
            disabled={index === 0}
            onClick={() => props.onMove(index, -1)}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            id={controlId(row.key, 'down')}
            className="button icon"
            aria-label={t('moveDown', { label })}
            disabled={index === count - 1}
            onClick={() => props.onMove(index, 1)}
          >
            <span aria-hidden="true">↓</span>
          </button>
        </span>
        <span className="editor-fix">
          <button
            type="button"
            className="button merge"
            aria-label={t('mergeLabel', { label })}
            disabled={index === count - 1}
            onClick={() => props.onMerge(index)}
          >
            {t('merge')} <span aria-hidden="true">↓</span>
          </button>
          <button
            type="button"
            className="button danger"
            aria-label={t('deleteLabel', { label })}
            onClick={() => props.onDelete(index)}
          >
            {t('delete')}
          </button>
        </span>
      </div>
    </li>
  );
}, sameRowProps);

/** Every keystroke re-checks the whole list: a row re-renders only when what it shows changed. */
function sameRowProps(before: MenuEditorRowProps, after: MenuEditorRowProps): boolean {
  for (const key of Object.keys(after) as (keyof MenuEditorRowProps)[]) {
    if (key === 'problems') continue;
    if (before[key] !== after[key]) return false;
  }
  const a = before.problems;
  const b = after.problems;
  return a?.name === b?.name && a?.price === b?.price && a?.category === b?.category;
}
