// Every interface language has every message of the English one, none empty, each with the same
// placeholders ({count}, {name}, ...) and rich-text tags (<hidden>...</hidden>), and each one formats.
import { readdirSync, readFileSync } from 'node:fs';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/i18n/locales';

type Tree = { [key: string]: string | Tree };

const dir = new URL('./', import.meta.url);
const load = (locale: string): Tree => JSON.parse(readFileSync(new URL(`${locale}.json`, dir), 'utf8'));
const en = load('en');

/** Dotted path → value, for every leaf; a leaf that is not a string is kept as is for the test to refuse. */
function flatten(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) {
    out.set(prefix, tree);
    return out;
  }
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [p, v] of flatten(value, path)) out.set(p, v);
    } else out.set(path, value);
  }
  return out;
}

const PLURAL_TYPES = new Set(['plural', 'select', 'selectordinal']);

/**
 * The argument names and tag names an ICU message uses, read the way ICU reads it: text, {arguments}
 * (with plural/select branches that are messages again), apostrophe quoting, and <tags>.
 * Only the names matter here; a message ICU cannot parse is caught by the formatting test.
 */
function icuNames(message: string): { args: Set<string>; tags: Set<string> } {
  const args = new Set<string>();
  const tags = new Set<string>();
  let i = 0;
  const fail = (why: string) => {
    throw new Error(`${why} at ${i} in ${JSON.stringify(message)}`);
  };
  const skipSpace = () => {
    while (i < message.length && /\s/.test(message[i] ?? '')) i += 1;
  };
  const word = (pattern: RegExp) => {
    const match = pattern.exec(message.slice(i));
    if (!match) fail('expected a name');
    i += match?.[0].length ?? 0;
    return match?.[0] ?? '';
  };

  function text(nested: boolean, inPlural: boolean) {
    while (i < message.length) {
      const c = message[i];
      if (c === "'") {
        const next = message[i + 1];
        if (next === "'") i += 2;
        else if (next === '{' || next === '}' || next === '<' || (inPlural && next === '#')) {
          const end = message.indexOf("'", i + 1);
          i = end < 0 ? message.length : end + 1;
        } else i += 1;
      } else if (c === '{') {
        i += 1;
        argument();
      } else if (c === '}') {
        if (!nested) fail('unmatched }');
        return;
      } else if (c === '<') {
        const tag = /^<\/?([A-Za-z][\w-]*)>/.exec(message.slice(i));
        if (tag?.[1]) {
          tags.add(tag[1]);
          i += tag[0].length;
        } else i += 1;
      } else i += 1;
    }
    if (nested) fail('unclosed {');
  }

  function argument() {
    skipSpace();
    args.add(word(/^[^\s,{}]+/));
    skipSpace();
    if (message[i] === '}') {
      i += 1;
      return;
    }
    if (message[i] !== ',') fail('expected , or }');
    i += 1;
    skipSpace();
    const type = word(/^[A-Za-z]+/);
    skipSpace();
    if (message[i] === '}') {
      i += 1;
      return;
    }
    if (message[i] !== ',') fail('expected , or }');
    i += 1;
    if (!PLURAL_TYPES.has(type)) {
      // A number/date style: no names inside.
      const end = message.indexOf('}', i);
      if (end < 0) fail('unclosed {');
      i = end + 1;
      return;
    }
    for (;;) {
      skipSpace();
      if (message[i] === '}') {
        i += 1;
        return;
      }
      word(/^[^\s{}]+/); // selector: one, other, =0, offset:1, a select value
      skipSpace();
      if (message[i] !== '{') fail('expected {');
      i += 1;
      text(true, type !== 'select');
      i += 1; // the branch's closing }
    }
  }

  text(false, false);
  return { args, tags };
}

const sorted = (set: Set<string>) => [...set].sort();

describe('the ICU name reader used below', () => {
  it('finds arguments, plural arguments and tags, not plural branch text', () => {
    const found = icuNames(
      'Me · <items>{count}</items><hidden> {count, plural, one {item} other {items}}</hidden> {name}',
    );
    expect(sorted(found.args)).toEqual(['count', 'name']);
    expect(sorted(found.tags)).toEqual(['hidden', 'items']);
    expect(sorted(icuNames('{n, plural, =0 {none} one {# by {who}} other {# dishes}}').args)).toEqual([
      'n',
      'who',
    ]);
    expect(sorted(icuNames("It''s '{not}' an {arg}").args)).toEqual(['arg']);
    expect(sorted(icuNames('{price, number, ::currency/EUR} or less').args)).toEqual(['price']);
    expect(() => icuNames('{broken')).toThrow();
  });
});

describe('message files', () => {
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  const enMessages = flatten(en);

  it('exist for exactly the supported locales', () => {
    expect(files.map((name) => name.replace(/\.json$/, '')).sort()).toEqual([...LOCALES].sort());
  });

  it('English has messages at all, each a non-empty string', () => {
    expect(enMessages.size).toBeGreaterThan(100);
    for (const [key, value] of enMessages) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const messages = flatten(load(locale));

      it('has exactly the keys of en.json, nested the same way', () => {
        expect([...messages.keys()].sort()).toEqual([...enMessages.keys()].sort());
      });

      it('has no empty or non-string message', () => {
        for (const [key, value] of messages) {
          expect(typeof value, `${locale}: ${key}`).toBe('string');
          expect(String(value).trim(), `${locale}: ${key}`).not.toBe('');
        }
      });

      it('uses the same placeholders and tags as English in every message', () => {
        for (const [key, source] of enMessages) {
          const translated = messages.get(key);
          if (typeof translated !== 'string' || typeof source !== 'string') continue;
          const want = icuNames(source);
          const got = icuNames(translated);
          expect(sorted(got.args), `${locale}: ${key} placeholders`).toEqual(sorted(want.args));
          expect(sorted(got.tags), `${locale}: ${key} tags`).toEqual(sorted(want.tags));
        }
      });

      it('formats every message without an error', () => {
        const errors: string[] = [];
        const t = createTranslator({
          locale,
          messages: load(locale),
          onError: (error) => errors.push(error.message),
        });
        // Untyped on purpose: the keys are read from the file, not written in code.
        const markup = t.markup as unknown as (key: string, values: Record<string, unknown>) => string;
        for (const [key, source] of enMessages) {
          if (typeof source !== 'string') continue;
          const { args, tags } = icuNames(source);
          const values: Record<string, unknown> = {};
          for (const arg of args) values[arg] = 2;
          for (const tag of tags) values[tag] = (chunks: string) => chunks;
          const out = markup(key, values);
          expect(out, `${locale}: ${key}`).not.toBe(key);
        }
        expect(errors).toEqual([]);
      });
    });
  }
});
