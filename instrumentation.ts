// Runs once when a web process starts: the metrics listener (WEB_METRICS_PORT, lib/server/metrics.ts)
// starts, and the dictionaries that explain dishes are loaded in the background, so the first room
// opened is not the one that waits for them.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startWebMetricsListener } = await import('./lib/server/metrics');
  startWebMetricsListener();
  const { loadDictionaries } = await import('./lib/glossary/dictionaries');
  setTimeout(() => {
    try {
      loadDictionaries();
    } catch {
      // Not built yet (a developer's first run): dishes are explained from the glossary alone.
    }
  }, 1_000).unref();
}
