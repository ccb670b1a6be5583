'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRoomClient, useRoomState } from '@/lib/roomClient/react';
import type { CurrencyCode } from '@/lib/money';
import type { ReplyError } from '@/lib/protocolValues';
import { MenuEditor } from './MenuEditor';
import { checkMenu, type MenuDishInput, sameMenu, toEditableDishes } from './menuEditorModel';
import { useTextProblemMessage } from './useTextCheck';

interface EditMenuSheetProps {
  currency: CurrencyCode;
  onSave: (dishes: MenuDishInput[]) => Promise<ReplyError | null>;
  onClose: () => void;
}

/** Picks that saving would drop, by removed dish name: said before Save, not discovered after. */
function droppedPicks(
  removed: { id: string; name: string }[],
  picks: Record<string, number>,
): { count: number; names: string[] } {
  const qtyOf = new Map<string, number>();
  for (const [key, qty] of Object.entries(picks)) {
    const dishId = key.slice(0, key.indexOf(':'));
    qtyOf.set(dishId, (qtyOf.get(dishId) ?? 0) + qty);
  }
  const hit = removed.filter((dish) => (qtyOf.get(dish.id) ?? 0) > 0);
  return {
    count: hit.reduce((sum, dish) => sum + (qtyOf.get(dish.id) ?? 0), 0),
    names: hit.map((d) => d.name),
  };
}

/**
 * The host's "Edit menu": a full-screen sheet over the room (a modal <dialog>, so the room behind it
 * is inert and Escape cancels). The rows are a copy taken on opening; Cancel throws it away.
 */
export function EditMenuSheet({ currency, onSave, onClose }: EditMenuSheetProps) {
  const t = useTranslations('EditMenuSheet');
  const tCheck = useTranslations('MenuCheck');
  const describeText = useTextProblemMessage();
  const common = useTranslations('Common');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const client = useRoomClient();
  const { dishes, photos, picks, status } = useRoomState(
    useShallow((s) => ({ dishes: s.dishes, photos: s.photos, picks: s.picks, status: s.status })),
  );
  const [rows, setRows] = useState(() => toEditableDishes(dishes, currency));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const check = useMemo(
    () => checkMenu(rows, currency, tCheck, describeText),
    [rows, currency, tCheck, describeText],
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const kept = new Set(rows.flatMap((row) => (row.id ? [row.id] : [])));
  const dropped = droppedPicks(
    dishes.filter((dish) => !kept.has(dish.id)),
    picks,
  );
  const online = status === 'connected';

  async function save() {
    if (!check.dishes) return;
    if (sameMenu(check.dishes, dishes)) {
      onClose();
      return;
    }
    // A dish removed meanwhile (by the host's other tab) is still wanted here: send it as a new one.
    const live = new Set(client.store.getState().dishes.map((dish) => dish.id));
    const menu = check.dishes.map(({ id, ...dish }) =>
      id !== undefined && live.has(id) ? { id, ...dish } : dish,
    );
    setBusy(true);
    setError(null);
    const failure = await onSave(menu);
    setBusy(false);
    // On failure every edit stays on screen: only the message is new.
    if (failure) setError(failure.message);
    else onClose();
  }

  let note: string | null = check.summary;
  if (!note && !online) note = t('offline');

  return (
    <dialog
      ref={dialogRef}
      className="sheet"
      aria-labelledby="edit-menu-title"
      onCancel={(event) => {
        // Escape or the back gesture: same as Cancel, but React owns when the dialog goes away.
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <header className="sheet-header">
        <h2 id="edit-menu-title">{t('title')}</h2>
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          {t('cancel')}
        </button>
      </header>
      <div className="sheet-body">
        <p className="hint">{t('hint')}</p>
        <MenuEditor dishes={rows} currency={currency} onChange={setRows} photos={photos} check={check} />
      </div>
      <footer className="sheet-footer">
        {dropped.count > 0 && (
          <p className="sheet-warning" data-testid="dropped-picks">
            {t('droppedPicks', { count: dropped.count, names: dropped.names.join(common('listSeparator')) })}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="save-menu-error">
            {error}
          </p>
        )}
        <p className="sheet-note" aria-live="polite">
          {note}
        </p>
        <button
          type="button"
          className="button primary wide"
          data-testid="save-menu"
          onClick={save}
          disabled={busy || !check.dishes || !online}
        >
          {busy ? t('saving') : t('save')}
        </button>
      </footer>
    </dialog>
  );
}
