'use client';
import { type ReactNode, useEffect, useId, useRef } from 'react';

interface SheetProps {
  title: string;
  /** The label of the button that closes without doing anything. */
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
}

/**
 * A full-screen sheet over the room: a modal <dialog>, so the room behind it is inert, Escape and the
 * back gesture close it, and focus stays inside.
 */
export function Sheet({ title, closeLabel, onClose, children, footer, testId }: SheetProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="sheet"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        // React owns when the dialog goes away.
        event.preventDefault();
        onClose();
      }}
    >
      <header className="sheet-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button" onClick={onClose}>
          {closeLabel}
        </button>
      </header>
      <div className="sheet-body">{children}</div>
      {footer && <footer className="sheet-footer">{footer}</footer>}
    </dialog>
  );
}
