// Text a person typed and the whole table reads, as the shared schemas check it: the socket
// replicas, the web tier and the forms all use these.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANGE_REQUESTS,
  CreateRoomRequestSchema,
  DisplayNameSchema,
  MAX_GRAPHEME_UNITS,
  MAX_NAME_LENGTH,
  MAX_SHARE_MEMBERS,
  NoteTextSchema,
  TEXT_PROBLEMS,
  graphemeLength,
  normaliseText,
  anyTextProblem,
  textProblem,
} from './protocol';

const refusal = (schema: typeof DisplayNameSchema, text: string) => {
  const parsed = schema.safeParse(text);
  return parsed.success ? null : parsed.error.issues[0]?.message;
};

describe('display text', () => {
  it('keeps names people write in any script, NFC and with one space between words', () => {
    for (const name of [
      'Ana',
      'Jun-ho',
      '김민준',
      '山田 花子',
      'Nguyễn Văn An',
      'سارة',
      'שרה',
      'Zoë',
      '👨‍👩‍👧 family',
    ]) {
      expect(DisplayNameSchema.parse(name)).toBe(name.normalize('NFC'));
    }
    // e + combining acute is stored as the one letter é.
    expect(DisplayNameSchema.parse('Zoe\u0301')).toBe('Zoë'.replace('ë', 'é'));
    expect(DisplayNameSchema.parse('  Ana \t\n Ben  ')).toBe('Ana Ben');
  });

  it('counts letters as people do: forty emoji families or Hangul syllables fit a forty-letter name', () => {
    expect(graphemeLength('👨‍👩‍👧')).toBe(1);
    expect(DisplayNameSchema.safeParse('👨‍👩‍👧'.repeat(MAX_NAME_LENGTH)).success).toBe(true);
    expect(DisplayNameSchema.safeParse('가'.repeat(MAX_NAME_LENGTH)).success).toBe(true);
    expect(refusal(DisplayNameSchema, '가'.repeat(MAX_NAME_LENGTH + 1))).toBe(
      `at most ${MAX_NAME_LENGTH} characters`,
    );
  });

  it('refuses each kind of hostile text with its own message', () => {
    const cases: [string, string][] = [
      ['Ana\uD800', 'contains a broken character'],
      ['\uDC00Ben', 'contains a broken character'],
      ['Ana\u0000', 'control character'],
      ['Ana\u001B[31m', 'control character'],
      ['Ana\u007F', 'control character'],
      ['\u202Enimda', 'reverses the direction'],
      ['Ana\u2066Ben\u2069', 'reverses the direction'],
      ['\u200B\u200B', 'visible letter'],
      ['\u200D\uFEFF\u2060', 'visible letter'],
      ['\u3164', 'visible letter'],
      ['\u115F\u1160', 'visible letter'],
      ['\u00AD', 'visible letter'],
      ['\u0301\u0301', 'visible letter'],
      ['   ', 'visible letter'],
      [`Z${'\u0336'.repeat(60)}`, 'too many accents'],
    ];
    for (const [text, message] of cases)
      expect(refusal(DisplayNameSchema, text), JSON.stringify(text)).toContain(message);
  });

  it('lets a note be empty (it takes the note back) but not invisible', () => {
    expect(NoteTextSchema.parse('')).toBe('');
    expect(NoteTextSchema.parse('  ')).toBe('');
    expect(NoteTextSchema.safeParse('\u200B').success).toBe(false);
    expect(NoteTextSchema.safeParse('no coriander \u202E').success).toBe(false);
  });

  it('checks titles, host names, dish names, sections and explanations alike', () => {
    const room = {
      title: 'Gogi House',
      currency: 'KRW',
      hostName: 'Hana',
      dishes: [{ name: '비빔밥', priceMinor: 9000, category: '밥' }],
    };
    expect(CreateRoomRequestSchema.safeParse(room).success).toBe(true);
    for (const bad of [
      { ...room, title: '\u200B' },
      { ...room, hostName: 'Ha\u0000na' },
      { ...room, dishes: [{ name: 'Bibim\uD800', priceMinor: 1 }] },
      { ...room, dishes: [{ name: 'Bibim', priceMinor: 1, category: '\u202E' }] },
      {
        ...room,
        dishes: [
          { name: 'Bibim', priceMinor: 1, explanation: { kind: 'dish', gloss: { en: 'rice \u202E' } } },
        ],
      },
    ]) {
      expect(CreateRoomRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(CHANGE_REQUESTS['dish.explain'].safeParse({ dishId: 'd1', text: '\u2067' }).success).toBe(false);
    expect(CHANGE_REQUESTS['member.add'].safeParse({ memberId: 'm-123', name: '\u200B' }).success).toBe(
      false,
    );
  });

  it('never accepts a lone surrogate, a control or a reordering character, whatever surrounds it', () => {
    const hostile = fc.constantFrom(
      '\uD800',
      '\uDBFF',
      '\uDC00',
      '\u0000',
      '\u0007',
      '\u009B',
      '\u202A',
      '\u202E',
      '\u2066',
      '\u2069',
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        hostile,
        fc.string({ maxLength: 10 }),
        (before, bad, after) => {
          expect(DisplayNameSchema.safeParse(before + bad + after).success).toBe(false);
        },
      ),
    );
  });

  it('accepts what it accepts in normal form, within the limit, with something visible, and stably', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const parsed = DisplayNameSchema.safeParse(text);
        expect(parsed.success).toBe(textProblem(text, MAX_NAME_LENGTH) === null);
        if (!parsed.success) return;
        const stored = parsed.data;
        expect(stored).toBe(stored.normalize('NFC'));
        expect(stored).toBe(normaliseText(stored));
        expect(graphemeLength(stored)).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(stored.trim()).not.toBe('');
        // Validating what was stored changes nothing: every replica and phone agrees on it.
        expect(DisplayNameSchema.parse(stored)).toBe(stored);
      }),
    );
  });

  it('has a message for every problem, for the replies and the forms', () => {
    for (const problem of TEXT_PROBLEMS) {
      const samples: Record<typeof problem, string> = {
        broken: '\uD800',
        control: 'a\u0001',
        reordering: 'a\u202D',
        invisible: '\u200C',
        tooLong: 'a'.repeat(MAX_NAME_LENGTH + 1),
        stackedMarks: `a${'\u0300'.repeat(MAX_GRAPHEME_UNITS + 1)}`,
      };
      expect(textProblem(samples[problem], MAX_NAME_LENGTH)).toBe(problem);
    }
  });
});

describe('shared plates', () => {
  const offer = (memberIds: string[]) =>
    CHANGE_REQUESTS['share.offer'].safeParse({ shareId: 'share-1', dishId: 'd1', plates: 1, memberIds });

  it('asks each person once', () => {
    expect(offer(['mem-a', 'mem-b']).success).toBe(true);
    expect(offer(['mem-a', 'mem-b', 'mem-a']).success).toBe(false);
  });

  it('puts at most MAX_SHARE_MEMBERS on a plate, counting the member who offers it', () => {
    const others = Array.from({ length: MAX_SHARE_MEMBERS }, (_, i) => `mem-${i}`);
    expect(offer(others.slice(0, MAX_SHARE_MEMBERS - 1)).success).toBe(true);
    expect(offer(others).success).toBe(false);
  });
});

describe('textProblem on printable ASCII', () => {
  it('answers as the general path does, for every length limit and allowEmpty', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(' ', 'a', 'Z', '0', '~', '-', '.', ' '), maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (text, max, allowEmpty) => {
          expect(textProblem(text, max, { allowEmpty })).toBe(anyTextProblem(text, max, { allowEmpty }));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary-ascii', maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        (text, max) => {
          expect(textProblem(text, max)).toBe(anyTextProblem(text, max));
        },
      ),
    );
  });
});
