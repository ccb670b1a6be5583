'use client';
import { memo } from 'react';
import { CURRENCIES, type CurrencyCode, formatMoney, parsePrice } from '@/lib/money';
import { MAX_DISH_NAME_LENGTH, type Photo } from '@/lib/protocol';
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
  const number = index + 1;
  const label = row.name.trim() || `dish ${number}`;
  const nameId = controlId(row.key, 'name');
  const priceId = `${nameId}-price`;
  const nameError = showProblems ? problems?.name : undefined;
  const priceError = showProblems ? problems?.price : undefined;
  const categoryError = showProblems ? problems?.category : undefined;
  const priceMinor = row.priceText.trim() ? parsePrice(row.priceText, currency) : null;
  const reading =
    priceMinor !== null && priceToText(priceMinor, currency) !== row.priceText.trim()
      ? formatMoney(priceMinor, currency)
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
              p.{props.photoPage}
            </span>
          )}
          <BoxCrop
            box={row.box}
            photo={photo}
            label={`Dish ${number} as printed on menu photo ${props.photoPage} of ${props.photoPages}`}
          />
        </div>
      )}

      <div className="editor-name">
        <span className="editor-num" aria-hidden="true">
          {number}
        </span>
        <input
          id={nameId}
          aria-label={`Name of dish ${number}`}
          value={row.name}
          onChange={(event) => edit({ name: event.target.value })}
          onBlur={touch}
          placeholder="Name as printed"
          maxLength={MAX_DISH_NAME_LENGTH}
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
            aria-label={`Price of dish ${number}`}
            value={row.priceText}
            onChange={(event) => edit({ priceText: event.target.value })}
            onBlur={touch}
            placeholder="Price"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="next"
            aria-invalid={priceError ? true : undefined}
            aria-describedby={`${priceId}-note`}
          />
        </label>
        <label className="affix">
          <span className="affix-label">Section</span>
          <input
            aria-label={`Section of dish ${number}`}
            value={row.category ?? ''}
            onChange={(event) => edit({ category: event.target.value })}
            placeholder="none"
            maxLength={MAX_DISH_NAME_LENGTH}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={categoryError ? true : undefined}
          />
        </label>
      </div>
      {/* How the price was read, when that differs from what is typed: "1.500" in euros reads as
          €1,500.00, not €1.50, and the host sees it before the table does. */}
      <p id={`${priceId}-note`} className={priceError ? 'field-error' : 'price-reading'}>
        {priceError ?? (reading !== null ? `Reads as ${reading}` : '')}
      </p>
      {categoryError && <p className="field-error">Section: {categoryError}</p>}

      <div className="editor-actions">
        <button
          type="button"
          id={controlId(row.key, 'up')}
          className="button icon"
          aria-label={`Move ${label} up`}
          disabled={index === 0}
          onClick={() => props.onMove(index, -1)}
        >
          <span aria-hidden="true">↑</span>
        </button>
        <button
          type="button"
          id={controlId(row.key, 'down')}
          className="button icon"
          aria-label={`Move ${label} down`}
          disabled={index === count - 1}
          onClick={() => props.onMove(index, 1)}
        >
          <span aria-hidden="true">↓</span>
        </button>
        <button
          type="button"
          className="button merge"
          aria-label={`Merge ${label} with the next dish`}
          disabled={index === count - 1}
          onClick={() => props.onMerge(index)}
        >
          Merge <span aria-hidden="true">↓</span>
        </button>
        <button
          type="button"
          className="button danger"
          aria-label={`Delete ${label}`}
          onClick={() => props.onDelete(index)}
        >
          Delete
        </button>
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
