// The staff card: the order turned towards the waiter, in the menu's own language. Dish names are
// shown as printed on the menu (with the crop of their line when the menu came from a photo), the
// members' notes as they wrote them, and every fixed word and dietary need from the hand-written
// phrase table. Pure: the React card renders what this returns.
import type { DishLine, OrderSummary } from '../orderSummary';
import type { DishBox } from '../protocol';
import type { DietaryNeed, MenuLanguageCode } from '../protocolValues';
import { ALLERGY_NEEDS, fillPhrase, PHRASES, type Phrase } from './phrases';

export interface CardNeed {
  need: DietaryNeed;
  /** The sentence in the menu's language, with "{n} of these:" when only some plates are concerned. */
  text: string;
  back: string;
  allergy: boolean;
}

export interface CardLine {
  dishId: string;
  /** "2 ×", "2개", "×2": the count as the language writes it. */
  quantity: string;
  qty: number;
  /** As printed on the menu. */
  name: string;
  box?: DishBox;
  /** "to share" / "shared by 3", for plates shared by the table. */
  shared: string[];
  /** The members' own notes, as written (not translated). */
  notes: string[];
  needs: CardNeed[];
}

export interface StaffCard {
  language: MenuLanguageCode;
  title: Phrase;
  /** "Round 2" when the table orders again. */
  round: Phrase | null;
  /** Every allergy at the table, once, for the banner at the top. */
  allergies: CardNeed[];
  lines: CardLine[];
  /** "Dishes: 7" */
  count: string;
  empty: Phrase;
  noteLabel: Phrase;
  fromMenu: Phrase;
  allergyHeading: Phrase;
}

const isAllergy = (need: DietaryNeed) => ALLERGY_NEEDS.includes(need);

function lineOf(line: DishLine, language: MenuLanguageCode): CardLine {
  const { words, needs } = PHRASES[language];
  const shared = line.shared.flatMap(({ share }) => [
    share.members.length > 1
      ? fillPhrase(words.sharedBy.text, { n: share.members.length })
      : words.forTheTable.text,
  ]);
  return {
    dishId: line.dish.id,
    quantity: fillPhrase(words.quantity.text, { n: line.totalQty }),
    qty: line.totalQty,
    name: line.dish.name,
    box: line.dish.box,
    shared: [...new Set(shared)],
    notes: line.notes.map((note) => note.note),
    needs: line.needs.map(({ need, plates }) => {
      const phrase = needs[need];
      const some = plates < line.totalQty;
      return {
        need,
        text: some ? `${fillPhrase(words.ofThese.text, { n: plates })} ${phrase.text}` : phrase.text,
        back: some ? `${fillPhrase(words.ofThese.back, { n: plates })} ${phrase.back}` : phrase.back,
        allergy: isAllergy(need),
      };
    }),
  };
}

/**
 * The card for one round (the current one, or one already ordered). A lone first round needs no
 * number; among several cards (`alongsideOthers`, "all rounds") every one says its round, the
 * first too.
 */
export function buildStaffCard(
  summary: OrderSummary,
  language: MenuLanguageCode,
  options: { round?: number; alongsideOthers?: boolean } = {},
): StaffCard {
  const { words, needs } = PHRASES[language];
  const atTable = new Set(summary.lines.flatMap((line) => line.needs.map((n) => n.need)));
  return {
    language,
    title: words.orderTitle,
    round:
      options.round && (options.round > 1 || options.alongsideOthers)
        ? {
            text: fillPhrase(words.round.text, { n: options.round }),
            back: fillPhrase(words.round.back, { n: options.round }),
          }
        : null,
    allergies: ALLERGY_NEEDS.filter((need) => atTable.has(need)).map((need) => ({
      need,
      text: needs[need].text,
      back: needs[need].back,
      allergy: true,
    })),
    lines: summary.lines.map((line) => lineOf(line, language)),
    count: fillPhrase(words.dishes.text, { n: summary.totalQty }),
    empty: words.noItems,
    noteLabel: words.note,
    fromMenu: words.fromMenu,
    allergyHeading: words.showAllergy,
  };
}
