// The display name this phone used last, offered again in the next room: one less thing to type
// while the waiter waits. Losing it (private mode, cleared storage) only means typing it again.
const KEY = 'menuroom:name';

export function loadSavedName(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveName(name: string): void {
  try {
    localStorage.setItem(KEY, name);
  } catch {
    // Storage unavailable: nothing to remember, nothing lost.
  }
}
