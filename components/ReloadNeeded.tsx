'use client';

/**
 * The servers were updated to a protocol this page cannot speak. Nothing is lost: picks not yet
 * sent are saved on this phone and go out from the reloaded page.
 */
export function ReloadNeeded() {
  return (
    <main className="page gone" data-testid="reload-needed">
      <h1>menuroom was updated</h1>
      <p>Reload the page to continue. Your picks are kept on this phone and will be sent.</p>
      <button type="button" className="button primary wide" onClick={() => window.location.reload()}>
        Reload
      </button>
    </main>
  );
}
