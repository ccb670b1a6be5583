'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CurrencyCode } from '@/lib/money';
import type { Photo } from '@/lib/protocol';
import { MAX_DISHES } from '@/lib/protocolValues';
import { MenuEditorRow, type RowControl } from './MenuEditorRow';
import {
  checkMenu,
  type EditableDish,
  emptyDish,
  type MenuCheck,
  mergeWithNext,
  moveRow,
} from './menuEditorModel';
import { useTextProblemMessage } from './useTextCheck';

export type { EditableDish } from './menuEditorModel';

interface MenuEditorProps {
  dishes: EditableDish[];
  currency: CurrencyCode;
  onChange: (dishes: EditableDish[]) => void;
  /** The menu's photos, to show each dish's printed line next to it. */
  photos?: Photo[];
  /** Show every problem, even in rows nobody has touched yet (e.g. after a refused save). */
  showAllProblems?: boolean;
  /** The caller's check of the same rows, when it already made one (saves checking twice). */
  check?: MenuCheck;
}

const isBlank = (row: EditableDish) => !row.name.trim() && !row.priceText.trim() && !row.category?.trim();

/**
 * The review list: every dish as printed, its price as typed, an optional section, and the fixes
 * text recognition needs most (delete a stray line, merge a name split over two lines). Controlled:
 * the caller owns the rows and decides what Save means (update the room, or open one).
 */
export function MenuEditor({ dishes, currency, onChange, photos, showAllProblems, check }: MenuEditorProps) {
  const t = useTranslations('MenuEditor');
  const tCheck = useTranslations('MenuCheck');
  const describeText = useTextProblemMessage();
  const baseId = useId();
  const checked = useMemo(
    () => check ?? checkMenu(dishes, currency, tCheck, describeText),
    [check, dishes, currency, tCheck, describeText],
  );
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [focusRequest, setFocusRequest] = useState<{ key: string; control: RowControl } | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  // Row callbacks read the latest rows from a ref, so they stay the same and rows skip re-rendering.
  const latest = useRef({ dishes, currency, onChange });
  useEffect(() => {
    latest.current = { dishes, currency, onChange };
  });

  const controlId = useCallback(
    (key: string, control: RowControl) => `${baseId}-${key}-${control}`,
    [baseId],
  );

  useEffect(() => {
    if (!focusRequest) return;
    setFocusRequest(null);
    const wanted = document.getElementById(controlId(focusRequest.key, focusRequest.control));
    // A move button that just became disabled (row now first or last) hands focus to its twin.
    const twin = focusRequest.control === 'up' ? 'down' : 'up';
    const target =
      wanted instanceof HTMLButtonElement && wanted.disabled
        ? document.getElementById(controlId(focusRequest.key, twin))
        : wanted;
    target?.focus();
  }, [focusRequest, controlId]);

  const onEdit = useCallback((key: string, patch: Partial<EditableDish>) => {
    const { dishes, onChange } = latest.current;
    onChange(dishes.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }, []);

  const onDelete = useCallback((index: number) => {
    const { dishes, onChange } = latest.current;
    const next = dishes.filter((_, i) => i !== index);
    onChange(next);
    const neighbour = next[index] ?? next[index - 1];
    if (neighbour) setFocusRequest({ key: neighbour.key, control: 'name' });
    else addRef.current?.focus();
  }, []);

  const onMerge = useCallback((index: number) => {
    const { dishes, currency, onChange } = latest.current;
    const next = mergeWithNext(dishes, index, currency);
    onChange(next);
    const merged = next[index];
    if (merged) setFocusRequest({ key: merged.key, control: 'name' });
  }, []);

  const onMove = useCallback((index: number, delta: number) => {
    const { dishes, onChange } = latest.current;
    const row = dishes[index];
    onChange(moveRow(dishes, index, delta));
    if (row) setFocusRequest({ key: row.key, control: delta < 0 ? 'up' : 'down' });
  }, []);

  const onTouch = useCallback((key: string) => {
    setTouched((seen) => (seen.has(key) ? seen : new Set(seen).add(key)));
  }, []);

  function addDish() {
    const row = emptyDish();
    onChange([...dishes, row]);
    setFocusRequest({ key: row.key, control: 'name' });
  }

  const pageOf = useMemo(() => new Map((photos ?? []).map((photo, i) => [photo.id, i])), [photos]);
  const problemCount = Object.keys(checked.problems).length;

  return (
    <div className="menu-editor" data-testid="menu-editor">
      <p className="editor-count" aria-live="polite">
        {t('count', { count: dishes.length })}
        {problemCount > 0 && <span className="editor-to-fix"> {t('toFix', { count: problemCount })}</span>}
      </p>
      <ol className="editor-list">
        {dishes.map((row, index) => {
          const page = row.box ? pageOf.get(row.box.photoId) : undefined;
          const photo = page === undefined ? undefined : photos?.[page];
          return (
            <MenuEditorRow
              key={row.key}
              row={row}
              index={index}
              count={dishes.length}
              currency={currency}
              problems={checked.problems[row.key]}
              showProblems={Boolean(showAllProblems) || touched.has(row.key) || !isBlank(row)}
              photo={photo}
              photoPage={(page ?? 0) + 1}
              photoPages={photos?.length ?? 0}
              controlId={controlId}
              onEdit={onEdit}
              onDelete={onDelete}
              onMerge={onMerge}
              onMove={onMove}
              onTouch={onTouch}
            />
          );
        })}
      </ol>
      <button
        ref={addRef}
        type="button"
        className="button wide add-dish"
        aria-label={t('addDish')}
        onClick={addDish}
        disabled={dishes.length >= MAX_DISHES}
      >
        <span aria-hidden="true">+</span> {t('addDish')}
      </button>
    </div>
  );
}
