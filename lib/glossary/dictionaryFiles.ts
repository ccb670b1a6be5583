// Where the open dictionaries are: Debian's dictd files (installed by the setup command) and the
// compact files built from them (scripts/dictionaries/build.ts).
import { join } from 'node:path';

export const DICTD_DIR = process.env.DICTD_DIR ?? '/usr/share/dictd';

/** FreeDict's xxx-eng dictionaries the setup installs, by menu language. */
export const FREEDICT_LANGUAGES = { fr: 'fra', de: 'deu', es: 'spa', it: 'ita', ja: 'jpn' } as const;

/** DICTIONARY_DIR, or `.dictionaries` in the working directory (the project root for the stack). */
export function dictionaryDir(): string {
  return process.env.DICTIONARY_DIR ?? join(process.cwd(), '.dictionaries');
}
