import { describe, expect, it } from 'vitest';
import { summarizeOrder } from '../orderSummary';
import { type Member, MENU_LANGUAGE_CODES } from '../protocol';
import { buildStaffCard } from './card';
import { PHRASES } from './phrases';

const member = (id: string, patch: Partial<Member> = {}): Member => ({
  id,
  name: id,
  needs: [],
  done: false,
  phoneless: false,
  ...patch,
});
const dishes = [
  {
    id: 'd1',
    name: '김치찌개',
    priceMinor: 9000,
    box: { photoId: 'photo0001', x: 0.1, y: 0.2, w: 0.5, h: 0.05 },
  },
  { id: 'd2', name: '불고기', priceMinor: 15000 },
];
const summary = summarizeOrder({
  dishes,
  members: [member('ana', { needs: ['peanuts'] }), member('ben'), member('cy')],
  picks: { 'd1:ana': 1, 'd1:ben': 2 },
  notes: [{ dishId: 'd1', memberId: 'ben', note: 'no coriander', needs: ['not_spicy'] }],
  shares: [{ id: 's1', dishId: 'd2', plates: 1, by: 'ben', members: ['ben', 'cy'], invited: [] }],
});

describe('the staff card', () => {
  it("says the count, the dish as printed, the notes as written and the needs in the menu's language", () => {
    const card = buildStaffCard(summary, 'ko');
    expect(card.title.text).toBe(PHRASES.ko.words.orderTitle.text);
    const [stew, bulgogi] = card.lines;
    expect(stew).toMatchObject({ name: '김치찌개', qty: 3, notes: ['no coriander'], box: dishes[0]?.box });
    expect(stew?.quantity).toBe(PHRASES.ko.words.quantity.text.replace('{n}', '3'));
    // Ana's allergy concerns her one plate of the three, Ben's "not spicy" his two.
    expect(stew?.needs.map((n) => n.text)).toEqual([
      `${PHRASES.ko.words.ofThese.text.replace('{n}', '1')} ${PHRASES.ko.needs.peanuts.text}`,
      `${PHRASES.ko.words.ofThese.text.replace('{n}', '2')} ${PHRASES.ko.needs.not_spicy.text}`,
    ]);
    expect(bulgogi).toMatchObject({ qty: 1, shared: [PHRASES.ko.words.sharedBy.text.replace('{n}', '2')] });
    expect(card.allergies.map((a) => a.need)).toEqual(['peanuts']);
    expect(card.count).toBe(PHRASES.ko.words.dishes.text.replace('{n}', '4'));
  });

  it('can be written in every menu language, with no placeholder left', () => {
    for (const language of MENU_LANGUAGE_CODES) {
      const card = buildStaffCard(summary, language, { round: 2 });
      const texts = [
        card.title.text,
        card.round?.text ?? '',
        card.count,
        ...card.allergies.map((a) => a.text),
        ...card.lines.flatMap((l) => [l.quantity, ...l.shared, ...l.needs.map((n) => n.text)]),
      ];
      for (const text of texts) expect(text, `${language}: ${text}`).not.toMatch(/[{}]/);
      expect(card.round, language).not.toBeNull();
    }
  });

  it('shows no round number for the first round', () => {
    expect(buildStaffCard(summary, 'en').round).toBeNull();
  });
});
