'use client';
import { useEffect } from 'react';

/**
 * Keeps the screen on while `active` (the staff card held out to the waiter), where the browser has
 * the Screen Wake Lock API. The lock is lost when the page is hidden, so it is taken again when the
 * page comes back.
 */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active || !('wakeLock' in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let released = false;
    const request = () => {
      if (document.visibilityState !== 'visible' || released) return;
      navigator.wakeLock
        .request('screen')
        .then((lock) => {
          if (released) void lock.release();
          else sentinel = lock;
        })
        .catch(() => {
          // Refused (battery saver, no user gesture yet): the card still works, the screen may dim.
        });
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      released = true;
      document.removeEventListener('visibilitychange', request);
      void sentinel?.release();
    };
  }, [active]);
}
