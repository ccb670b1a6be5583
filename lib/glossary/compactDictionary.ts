// A read-only dictionary kept as one sorted text of `key\tvalue` lines, searched by bisection. The
// open dictionaries are large (German FreeDict has half a million headwords): held as JS objects
// they took 360 MB of the web tier's memory; as one string and a table of line offsets they take
// about what the file does on disk. Built by scripts/dictionaries/build.ts.
import { existsSync, readFileSync } from 'node:fs';

export class CompactDictionary {
  private readonly starts: Uint32Array;
  readonly longestKey: number;

  private constructor(private readonly text: string) {
    const starts: number[] = [];
    let longest = 0;
    for (let at = 0; at < text.length; ) {
      const end = text.indexOf('\n', at);
      const next = end < 0 ? text.length : end + 1;
      const tab = text.indexOf('\t', at);
      if (tab > at && tab < next) {
        starts.push(at);
        longest = Math.max(longest, tab - at);
      }
      at = next;
    }
    this.starts = Uint32Array.from(starts);
    this.longestKey = longest;
  }

  /** The dictionary in `path`, or null when it has not been built (the setup command builds it). */
  static load(path: string): CompactDictionary | null {
    return existsSync(path) ? new CompactDictionary(readFileSync(path, 'utf8')) : null;
  }

  static fromLines(lines: string[]): CompactDictionary {
    return new CompactDictionary(lines.join('\n'));
  }

  get size(): number {
    return this.starts.length;
  }

  private keyAt(index: number): string {
    const start = this.starts[index] ?? 0;
    return this.text.slice(start, this.text.indexOf('\t', start));
  }

  get(key: string): string | undefined {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.keyAt(middle);
      if (found === key) {
        const start = (this.starts[middle] ?? 0) + key.length + 1;
        const end = this.text.indexOf('\n', start);
        return this.text.slice(start, end < 0 ? undefined : end);
      }
      if (found < key) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}
