// The one protocol module: event names, payload schemas, reply shapes, error codes and limits
// shared by the Next app, the socket server, the client core and the tests. No event name is
// spelled anywhere else.
//
// Versioning: the client sends PROTOCOL_VERSION in the handshake. A replica talks to clients one
// version older or newer than itself (a rolling deploy has both at once) and refuses the rest with
// `protocol_mismatch`, and the page asks the person to reload. Within that window every change is
// additive: request schemas strip unknown fields instead of refusing them, a change type a replica
// does not know yet is answered `unsupported_change` (retryable: a newer replica will take it), and a
// client that receives a change type it does not know resyncs from the snapshot.
import { z } from 'zod';
import { CURRENCY_CODES, MAX_MINOR_AMOUNT } from './money';

// ---------- versions ----------

/** The protocol this build speaks. Bump it when adding a change type or a field. */
export const PROTOCOL_VERSION = 5;
/**
 * The oldest protocol any build still talks to. Version 1 (pages from before versioning, which
 * send no version) had one event per change and cannot be served.
 */
export const OLDEST_PROTOCOL = 2;
/** Versions one apart can talk (old and new replicas and phones during a rolling deploy). */
export function protocolsCompatible(server: number, client: number): boolean {
  return client >= OLDEST_PROTOCOL && Math.abs(server - client) <= 1;
}

// ---------- identifiers and limits ----------

/** Join codes use an alphabet without 0/O, 1/I/L so they can be read aloud and typed on a phone. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const MAX_QTY_PER_PICK = 50;
export const MAX_DISHES = 300;
export const MAX_MEMBERS = 40;
export const MAX_NAME_LENGTH = 40;
export const MAX_TITLE_LENGTH = 80;
export const MAX_DISH_NAME_LENGTH = 120;
export const MAX_PHOTOS = 8;
/** A note on one pick ("no coriander"), counted in graphemes as a person sees letters. */
export const MAX_NOTE_LENGTH = 80;
/** An explanation of a dish in one language (glossary ones are far shorter). */
export const MAX_GLOSS_LENGTH = 120;
/** What a member writes to explain a dish to the table ("it's tripe"). */
export const MAX_EXPLANATION_LENGTH = 120;
/** Plates of one shared dish, people on one shared plate, shared plates per round, rounds per room. */
export const MAX_PLATES = 20;
export const MAX_SHARE_MEMBERS = 12;
export const MAX_SHARES = 60;
export const MAX_ROUNDS = 12;

/** Menu languages: the photo reader has a Tesseract model for each, and the staff card its phrases. */
export const MENU_LANGUAGE_CODES = [
  'ko',
  'ja',
  'zh-Hans',
  'zh-Hant',
  'th',
  'vi',
  'en',
  'fr',
  'de',
  'es',
  'it',
] as const;
export type MenuLanguageCode = (typeof MENU_LANGUAGE_CODES)[number];
export const MenuLanguageSchema = z.enum(MENU_LANGUAGE_CODES);

/**
 * What a member can ask the kitchen to mind: the nine allergens most menus label, then diets and
 * preferences. The staff card says each one in the menu's language (lib/staffCard/phrases.ts).
 */
export const DIETARY_NEEDS = [
  'peanuts',
  'tree_nuts',
  'shellfish',
  'fish',
  'egg',
  'milk',
  'wheat',
  'soy',
  'sesame',
  'vegetarian',
  'vegan',
  'no_pork',
  'no_beef',
  'no_alcohol',
  'halal',
  'not_spicy',
] as const;
export type DietaryNeed = (typeof DIETARY_NEEDS)[number];
/** The allergens among the needs (the staff card puts them on top). */
export const ALLERGENS: readonly DietaryNeed[] = DIETARY_NEEDS.slice(0, 9);

const urlSafeId = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, - and _');

export const RoomIdSchema = urlSafeId(8, 32);
export const MemberIdSchema = urlSafeId(4, 32);
export const DishIdSchema = urlSafeId(1, 32);
export const OpIdSchema = urlSafeId(8, 64);
export const MemberTokenSchema = urlSafeId(20, 128);
export const PhotoIdSchema = urlSafeId(8, 64);
export const JoinCodeSchema = z
  .string()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`), 'not a join code'));

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Letters as a person counts them: 👨‍👩‍👧 or 가 is one, however many code units it takes. */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/**
 * The longest one letter may be in UTF-16 units: a family emoji with skin tones is 15, the flag of
 * Scotland 14, a Hangul syllable or a Vietnamese vowel with two marks 1–3. More is stacked marks
 * ("zalgo") that spill over the lines around it.
 */
export const MAX_GRAPHEME_UNITS = 32;

// Characters that reorder text around them (bidi embeddings, overrides and isolates): a name could
// flip the price or the name next to it.
const REORDERING = /[\u202A-\u202E\u2066-\u2069]/u;
// Half of a UTF-16 pair with no other half (in `u` mode a whole pair is one code point).
const LONE_SURROGATE = /\p{Cs}/u;
// Control characters (NUL, ESC, DEL, C1 ...). Line breaks and tabs never reach this check: every
// run of whitespace is one space, since no field here shows more than one line.
const CONTROL = /\p{Cc}/u;
// Nothing a person could see: spaces, zero-width and other default-ignorable characters (joiners,
// Hangul fillers, variation selectors, tags), format characters, and marks with no letter to sit on.
const INVISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}]*$/u;

/** Why a text cannot be shown to the table; the UI says each in the person's language. */
export const TEXT_PROBLEMS = [
  'broken',
  'control',
  'reordering',
  'invisible',
  'tooLong',
  'stackedMarks',
] as const;
export type TextProblem = (typeof TEXT_PROBLEMS)[number];

/** The English sentence of each problem, as the server answers it. */
export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, (max: number) => string> = {
  broken: () => 'contains a broken character (half of an emoji or a letter); type it again',
  control: () => 'contains an invisible control character',
  reordering: () => 'contains a character that reverses the direction of the text',
  invisible: () => 'must contain at least one visible letter',
  tooLong: (max) => `at most ${max} characters`,
  stackedMarks: () => 'has a letter with too many accents stacked on it',
};

/** The text as it is stored and shown: NFC, one space between words, no space at either end. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * What is wrong with a text a person typed, or null. `text` is the raw input: lone surrogates are
 * looked for before normalising (NFC would keep them, and Lua's JSON decoder refuses them).
 */
export function textProblem(
  text: string,
  max: number,
  options: { allowEmpty?: boolean } = {},
): TextProblem | null {
  if (text.length > max * MAX_GRAPHEME_UNITS) return 'tooLong';
  if (LONE_SURROGATE.test(text)) return 'broken';
  const shown = normaliseText(text);
  if (CONTROL.test(shown)) return 'control';
  if (REORDERING.test(shown)) return 'reordering';
  if (shown === '' && options.allowEmpty) return null;
  if (INVISIBLE.test(shown)) return 'invisible';
  let count = 0;
  for (const { segment } of segmenter.segment(shown)) {
    if (segment.length > MAX_GRAPHEME_UNITS) return 'stackedMarks';
    count++;
  }
  return count > max ? 'tooLong' : null;
}

/**
 * Text a person typed and others will read: NFC, one space between words, no control characters,
 * lone surrogates or bidi overrides, at least one visible character (unless `allowEmpty`), at most
 * `max` graphemes. The forms check the same with textProblem before sending.
 */
const displayText = (max: number, options: { allowEmpty?: boolean } = {}) =>
  z
    .string()
    .superRefine((s, ctx) => {
      const problem = textProblem(s, max, options);
      if (problem) ctx.addIssue({ code: 'custom', message: TEXT_PROBLEM_MESSAGES[problem](max) });
    })
    .transform(normaliseText);

export const DisplayNameSchema = displayText(MAX_NAME_LENGTH);
export const CurrencySchema = z.enum(CURRENCY_CODES);
export const QuantitySchema = z.number().int().min(0).max(MAX_QTY_PER_PICK);
export const PriceMinorSchema = z.number().int().min(0).max(MAX_MINOR_AMOUNT);

// ---------- room state ----------

const fraction = z.number().min(0).max(1);
/** Where a dish is printed on a menu photo, as fractions of the photo's width and height. */
export const DishBoxSchema = z.object({
  photoId: PhotoIdSchema,
  x: fraction,
  y: fraction,
  w: fraction,
  h: fraction,
});
export type DishBox = z.infer<typeof DishBoxSchema>;

/** Languages of the interface, and so of the explanations of dishes. */
export const INTERFACE_LANGUAGES = ['en', 'ko', 'ja', 'zh-Hans', 'es', 'fr'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

/**
 * What a dish may contain that a diner with a dietary need must know. `meat` and `seafood` cover
 * any meat or any fish/shellfish when the exact kind is unknown; `spicy` is hot with chili.
 */
export const INGREDIENT_HINTS = [
  'pork',
  'beef',
  'chicken',
  'lamb',
  'meat',
  'fish',
  'shellfish',
  'seafood',
  'egg',
  'milk',
  'wheat',
  'soy',
  'peanuts',
  'tree_nuts',
  'sesame',
  'alcohol',
  'spicy',
  'raw',
] as const;
export type IngredientHint = (typeof INGREDIENT_HINTS)[number];

/**
 * What a dish is, for members who cannot read the menu: computed by the web tier from the built-in
 * glossary or the dictionaries when the menu is read or edited, and stored with the dish, so every
 * phone shows the same text and no phone downloads a dictionary. `literal` is a word-by-word reading
 * from a dictionary, not a known dish (the room says so).
 */
export const DishExplanationSchema = z.object({
  kind: z.enum(['dish', 'literal']),
  /** The name in Latin letters, for names in another script. */
  reading: displayText(200, { allowEmpty: true }).optional(),
  /** By interface language; a literal reading may exist in English only. */
  gloss: z.partialRecord(z.enum(INTERFACE_LANGUAGES), displayText(MAX_GLOSS_LENGTH, { allowEmpty: true })),
  contains: z.array(z.enum(INGREDIENT_HINTS)).max(INGREDIENT_HINTS.length).optional(),
  source: displayText(160, { allowEmpty: true }).optional(),
});
export type DishExplanation = z.infer<typeof DishExplanationSchema>;

/** A dish as the host enters or corrects it: name as printed, price, and where it came from. */
export const DishInputSchema = z.object({
  name: displayText(MAX_DISH_NAME_LENGTH),
  priceMinor: PriceMinorSchema,
  category: displayText(MAX_DISH_NAME_LENGTH).optional(),
  box: DishBoxSchema.optional(),
  explanation: DishExplanationSchema.optional(),
});
export const DishSchema = DishInputSchema.extend({ id: DishIdSchema });
export const PhotoSchema = z.object({
  id: PhotoIdSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Photo = z.infer<typeof PhotoSchema>;
export const DietaryNeedSchema = z.enum(DIETARY_NEEDS);
/** A set of needs, kept in the list's order so every phone shows them alike. */
export const DietaryNeedsSchema = z
  .array(DietaryNeedSchema)
  .max(DIETARY_NEEDS.length)
  .transform((needs) => DIETARY_NEEDS.filter((need) => needs.includes(need)));
export const NoteTextSchema = displayText(MAX_NOTE_LENGTH, { allowEmpty: true });
export const PickSchema = z.object({ dishId: DishIdSchema, memberId: MemberIdSchema, qty: QuantitySchema });

export type Dish = z.infer<typeof DishSchema>;
export type DishInput = z.infer<typeof DishInputSchema>;
export type Pick = z.infer<typeof PickSchema>;
export type CurrencyCode = z.infer<typeof CurrencySchema>;

export interface Member {
  id: string;
  name: string;
  /** Needs that apply to everything this member eats. */
  needs: DietaryNeed[];
  /** "I'm done" for the current round. */
  done: boolean;
  /** Added by the host for someone without a phone; the host picks for them. */
  phoneless: boolean;
}

/** What a member wrote on one of their picks, and needs that apply to that dish only. */
export interface PickNote {
  dishId: string;
  memberId: string;
  note: string;
  needs: DietaryNeed[];
}

/** One or more plates of a dish shared by several members: counted once, its price split. */
export interface Share {
  id: string;
  dishId: string;
  plates: number;
  /** Who offered it (always among `members` while it exists). */
  by: string;
  /** Who eats from it and pays a part, in the order they joined. */
  members: string[];
  /** Asked and not yet answered. */
  invited: string[];
}

/** A round the host marked as ordered: what was ordered, as it was then; read-only from then on. */
export interface PlacedRound {
  round: number;
  placedAt: number;
  /** The dishes of that round as they were on the menu (a later menu edit does not change it). */
  dishes: Dish[];
  members: Member[];
  picks: Pick[];
  notes: PickNote[];
  shares: Share[];
}

export interface RoomSnapshot {
  roomId: string;
  code: string;
  title: string;
  currency: CurrencyCode;
  hostMemberId: string;
  /** Increases by exactly one with every change to the room; clients apply change N+1 only on top of N. */
  version: number;
  createdAt: number;
  expiresAt: number;
  dishes: Dish[];
  /** Menu photos the room was opened from (served by GET /api/photos/:id), in page order. */
  photos: Photo[];
  /** The menu's language: the staff card speaks it. */
  language: MenuLanguageCode;
  members: Member[];
  /** Only non-zero quantities, of the current round. */
  picks: Pick[];
  notes: PickNote[];
  shares: Share[];
  /** The round being chosen now (1, then 2 after the host marked the first as ordered, ...). */
  round: number;
  /** Earlier rounds, as ordered. */
  rounds: PlacedRound[];
  /** The host locked the order: picks, notes, needs and shares are refused until reopened. */
  locked: boolean;
  /** The host closed the room: nothing changes any more; the final order stays viewable. */
  closed: boolean;
  /** What members wrote to explain dishes, oldest first. */
  explanations: MemberExplanation[];
  online: string[];
  /**
   * Whether new members may join. Absent from a store without the switch (and from older replicas):
   * open, and the host is not offered the switch.
   */
  joining?: boolean;
  /**
   * Names the menu as it is now (the room version that last set it): a phone that sends it with
   * `room:sync` and still has that menu is answered without the dishes. Absent from older replicas.
   */
  menuVersion?: string;
  /** How many members the room has; set in a visitor's view, where `members` is empty. */
  memberCount?: number;
}

/**
 * What a socket without a member token sees: what the join screen needs (title, menu, photos,
 * currency, language, how many are at the table, whether it may join), nothing any member wrote or
 * picked. Its version is 0: no broadcast applies to it (a visitor receives none), and a phone that
 * joins resyncs (a phone one protocol older notices the gap at its first broadcast and resyncs too).
 */
export function visitorView(room: RoomSnapshot): RoomSnapshot {
  return {
    roomId: room.roomId,
    code: '',
    title: room.title,
    currency: room.currency,
    hostMemberId: '',
    version: 0,
    createdAt: room.createdAt,
    expiresAt: room.expiresAt,
    dishes: room.dishes,
    photos: room.photos,
    language: room.language,
    members: [],
    picks: [],
    notes: [],
    shares: [],
    round: room.round,
    rounds: [],
    locked: room.locked,
    closed: room.closed,
    explanations: [],
    online: [],
    ...(room.joining === undefined ? {} : { joining: room.joining }),
    ...(room.menuVersion === undefined ? {} : { menuVersion: room.menuVersion }),
    memberCount: room.memberCount ?? room.members.length,
  };
}

/** A member's own explanation of a dish, for the others ("it's tripe", "very spicy, ask for mild"). */
export interface MemberExplanation {
  dishId: string;
  memberId: string;
  text: string;
  at: number;
}

// ---------- changes: what a member asks for, and what every phone is told ----------

/**
 * What a member asks to change. Every request carries a client-made operation id: a retry with the
 * same id is applied once. Quantities are absolute (`qty = 2`), so a replayed request is harmless.
 */
export const CHANGE_REQUESTS = {
  /** Sets this member's quantity of one dish. */
  'pick.set': z.object({ dishId: DishIdSchema, qty: QuantitySchema }),
  /**
   * Host only: sets the quantity for a member without a phone. Its own type, not an optional field
   * of pick.set: an older replica would drop the field and change the host's own pick instead.
   */
  'pick.setFor': z.object({ memberId: MemberIdSchema, dishId: DishIdSchema, qty: QuantitySchema }),
  /** A note and needs on one pick (the host may write them for a member without a phone). */
  'pick.note': z.object({
    dishId: DishIdSchema,
    note: NoteTextSchema,
    needs: DietaryNeedsSchema,
    memberId: MemberIdSchema.optional(),
  }),
  /** Needs for everything a member eats. */
  'member.needs': z.object({ needs: DietaryNeedsSchema, memberId: MemberIdSchema.optional() }),
  /** "I'm done" (or not) for the current round. */
  'member.done': z.object({ done: z.boolean() }),
  /** Host only: someone at the table without a phone; the id is made by the host's phone. */
  'member.add': z.object({ memberId: MemberIdSchema, name: DisplayNameSchema }),
  /** Host only: the member's current picks go and their key is refused from then on. */
  'member.remove': z.object({ memberId: MemberIdSchema }),
  /** Host only: another member (with a phone) becomes the host. */
  'host.transfer': z.object({ memberId: MemberIdSchema }),
  /** Host only: lock the order (nothing can be picked or changed) or reopen it. */
  'order.lock': z.object({ locked: z.boolean() }),
  /**
   * Host only: the current round was ordered. It becomes read-only and the next round starts.
   * `round` is the round the host saw, so a repeated tap cannot place two rounds.
   */
  'order.placed': z.object({ round: z.number().int().min(1).max(MAX_ROUNDS) }),
  /** Host only: the meal is over; the room keeps showing the order until it expires. */
  'room.close': z.object({ confirm: z.literal(true) }),
  /**
   * Host only: closes the room to new members (`member:join` is answered `joining_closed`) or opens
   * it again. Members already in keep everything.
   */
  'room.joining': z.object({ open: z.boolean() }),
  /**
   * Offers (or changes) a shared plate; the offering member is on it, the others are asked. The
   * offerer is always on the plate, so at most MAX_SHARE_MEMBERS − 1 others, each once.
   */
  'share.offer': z.object({
    shareId: urlSafeId(4, 32),
    dishId: DishIdSchema,
    plates: z.number().int().min(1).max(MAX_PLATES),
    memberIds: z
      .array(MemberIdSchema)
      .max(MAX_SHARE_MEMBERS - 1, `at most ${MAX_SHARE_MEMBERS} people on one plate, counting you`)
      .refine((ids) => new Set(ids).size === ids.length, 'each person at most once'),
  }),
  /** An asked member joins the plate, or a member leaves it. */
  'share.respond': z.object({ shareId: urlSafeId(4, 32), accept: z.boolean() }),
  /** The member who offered the plate (or the host) takes it back. */
  'share.cancel': z.object({ shareId: urlSafeId(4, 32) }),
  /** Explains (or corrects) a dish for the table in a member's own words; an empty text takes it back. */
  'dish.explain': z.object({
    dishId: DishIdSchema,
    text: displayText(MAX_EXPLANATION_LENGTH, { allowEmpty: true }),
  }),
  /**
   * Host only: replaces the menu. Dishes that keep their `id` keep their picks, dishes without one
   * are new, dishes left out are removed together with their picks.
   */
  'menu.replace': z.object({
    dishes: z
      .array(DishInputSchema.extend({ id: DishIdSchema.optional() }))
      .min(1, 'a menu needs at least one dish')
      .max(MAX_DISHES),
  }),
} as const;

export type ChangeType = keyof typeof CHANGE_REQUESTS;
export const CHANGE_TYPES = Object.keys(CHANGE_REQUESTS) as [ChangeType, ...ChangeType[]];

/** The protocol version that introduced each change type: an older replica refuses newer ones. */
export const CHANGE_SINCE: Record<ChangeType, number> = {
  'pick.set': 2,
  'menu.replace': 2,
  'pick.setFor': 3,
  'pick.note': 3,
  'member.needs': 3,
  'member.done': 3,
  'member.add': 3,
  'member.remove': 3,
  'host.transfer': 3,
  'order.lock': 3,
  'order.placed': 3,
  'room.close': 3,
  'share.offer': 3,
  'share.respond': 3,
  'share.cancel': 3,
  'dish.explain': 4,
  'room.joining': 5,
};

export type ChangeRequestOf<T extends ChangeType> = { type: T } & z.output<(typeof CHANGE_REQUESTS)[T]>;
export type ChangeRequest = { [T in ChangeType]: ChangeRequestOf<T> }[ChangeType];
export type ChangeRequestInput = {
  [T in ChangeType]: { type: T } & z.input<(typeof CHANGE_REQUESTS)[T]>;
}[ChangeType];

/** The envelope of `room:change`. The type is read first so an unknown one gets its own answer. */
export const ChangeEnvelopeSchema = z.object({
  opId: OpIdSchema,
  change: z.looseObject({ type: z.string().max(40) }),
});
export type ChangeEnvelope = { opId: string; change: ChangeRequestInput };

/** Validates a change request against its type's schema (unknown fields are dropped). */
export function parseChangeRequest(
  change: { type: string } & Record<string, unknown>,
):
  | { ok: true; request: ChangeRequest }
  | { ok: false; code: 'unsupported_change' | 'invalid_payload'; message: string } {
  const type = change.type as ChangeType;
  const schema = CHANGE_REQUESTS[type];
  if (!schema || !Object.hasOwn(CHANGE_REQUESTS, type)) {
    return {
      ok: false,
      code: 'unsupported_change',
      message: `This server does not know "${change.type}" yet.`,
    };
  }
  const parsed = schema.safeParse(change);
  if (!parsed.success) return { ok: false, code: 'invalid_payload', message: describeZodError(parsed.error) };
  return { ok: true, request: { ...parsed.data, type } as ChangeRequest };
}

/**
 * Changes that wait in a phone's outbox replace each other per slot: the newest quantity of a dish
 * is what counts, so only it is sent, and at most one operation per slot is in flight, so an older
 * one never lands after a newer one.
 */
export function slotOf(change: ChangeRequestInput): string {
  switch (change.type) {
    case 'pick.set':
      return `pick:${change.dishId}`;
    case 'pick.setFor':
      return `pick:${change.dishId}:${change.memberId}`;
    case 'pick.note':
      return `note:${change.dishId}:${change.memberId ?? ''}`;
    case 'member.needs':
      return `needs:${change.memberId ?? ''}`;
    case 'member.done':
      return 'done';
    case 'member.add':
    case 'member.remove':
      return `member:${change.memberId}`;
    case 'host.transfer':
      return 'host';
    case 'order.lock':
      return 'lock';
    case 'order.placed':
      return `round:${change.round}`;
    case 'room.close':
      return 'close';
    case 'room.joining':
      return 'joining';
    case 'share.offer':
    case 'share.cancel':
      return `share:${change.shareId}`;
    case 'share.respond':
      return `share-reply:${change.shareId}`;
    case 'dish.explain':
      return `explain:${change.dishId}`;
    case 'menu.replace':
      return 'menu';
  }
}

/** A versioned change, as broadcast to every member of a room: the state it produced. */
export type RoomChange =
  /** A quantity of 0 removes the pick, and its note with it. */
  | { type: 'pick'; dishId: string; memberId: string; qty: number }
  /** A member joined, was added, or changed their needs or "done". */
  | { type: 'member'; member: Member }
  /** Their picks and notes went with them; their shares lost them (see applyChange). */
  | { type: 'member.removed'; memberId: string }
  /** The host changed the menu; picks and notes of dishes that are gone were removed with it. */
  | { type: 'menu'; dishes: Dish[] }
  /** An empty note without needs removes it. */
  | { type: 'note'; note: PickNote }
  | { type: 'host'; memberId: string }
  | { type: 'order'; locked: boolean }
  /** The round was ordered: it moves to the rounds, the next one starts open, nobody is done. */
  | { type: 'round'; placed: PlacedRound }
  | { type: 'closed' }
  /** The host closed the room to new members, or opened it again. */
  | { type: 'joining'; open: boolean }
  | { type: 'share'; share: Share }
  | { type: 'share.removed'; shareId: string }
  /** An empty text removes the member's explanation. */
  | { type: 'explanation'; explanation: MemberExplanation };
export const ROOM_CHANGE_TYPES = [
  'pick',
  'member',
  'member.removed',
  'menu',
  'note',
  'host',
  'order',
  'round',
  'closed',
  'joining',
  'share',
  'share.removed',
  'explanation',
] as const satisfies readonly RoomChange['type'][];

/** The protocol version that introduced each broadcast change: an older client resyncs on newer ones. */
export const ROOM_CHANGE_SINCE: Record<RoomChange['type'], number> = {
  pick: 2,
  member: 2,
  menu: 2,
  'member.removed': 3,
  note: 3,
  host: 3,
  order: 3,
  round: 3,
  closed: 3,
  share: 3,
  'share.removed': 3,
  explanation: 4,
  joining: 5,
};

export interface RoomChanged {
  version: number;
  change: RoomChange;
}

// ---------- errors ----------

export const ERROR_CODES = [
  'invalid_payload',
  'unsupported_change',
  'protocol_mismatch',
  'room_not_found',
  'unknown_dish',
  'not_a_member',
  'not_the_host',
  'not_allowed',
  'order_locked',
  'room_closed',
  'limit_reached',
  'member_removed',
  'already_joined',
  'unauthorised',
  'room_full',
  'joining_closed',
  'rate_limited',
  'capacity_reached',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one answer for a room that is not in Redis: it expired, or it never existed. */
export const ROOM_GONE_MESSAGE = 'This room does not exist or has expired.';

/** The English message of every error code; the client shows its own translation of the code. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  invalid_payload: 'This request is not valid.',
  unsupported_change: 'This server does not know that change yet; it will be retried.',
  protocol_mismatch: 'menuroom was updated. Reload the page to continue; your picks are kept.',
  room_not_found: ROOM_GONE_MESSAGE,
  unknown_dish: 'That dish is not on this menu.',
  not_a_member: 'Join the room first.',
  not_the_host: 'Only the host can do that.',
  not_allowed: 'That cannot be done.',
  order_locked: 'The host has locked the order. Ask the host to reopen it to change your picks.',
  room_closed: 'The host has closed this room. The order can still be viewed.',
  limit_reached: 'This room has reached a limit for that.',
  member_removed: 'The host removed you from this room.',
  already_joined: 'This phone has already joined the room.',
  unauthorised: 'This member key is not valid for this room.',
  room_full: 'This room is full.',
  joining_closed: 'The host has closed this room to new members.',
  rate_limited: 'Too many requests; slow down and try again.',
  capacity_reached:
    'menuroom cannot open new rooms right now. Try again in a few minutes; open rooms keep working.',
  unavailable: 'The server could not do this right now; it will be retried.',
  internal: 'Something went wrong on the server.',
};

/**
 * Errors after which sending the same operation again cannot help: the outbox drops it and the
 * page says why. Every other error is retried with the same operation id.
 */
export const FINAL_ERRORS: ReadonlySet<ErrorCode> = new Set([
  'invalid_payload',
  'unknown_dish',
  'not_a_member',
  'not_the_host',
  'not_allowed',
  'order_locked',
  'room_closed',
  'limit_reached',
  'room_not_found',
]);

export interface ReplyError {
  code: ErrorCode;
  message: string;
}
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ReplyError };
export type Ack<T> = (reply: Reply<T>) => void;

export function errorReply(
  code: ErrorCode,
  message = ERROR_MESSAGES[code],
): { ok: false; error: ReplyError } {
  return { ok: false, error: { code, message } };
}

/** Turns zod issues into one short sentence a person can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

// ---------- HTTP (Next route handlers) ----------

export const CreateRoomRequestSchema = z.object({
  title: displayText(MAX_TITLE_LENGTH),
  currency: CurrencySchema,
  hostName: DisplayNameSchema,
  dishes: z.array(DishInputSchema).min(1, 'add at least one dish').max(MAX_DISHES),
  /** Photos uploaded (POST /api/photos) before opening the room; they live as long as the room. */
  photoIds: z.array(PhotoIdSchema).max(MAX_PHOTOS).optional(),
  /** The menu's language (the staff card speaks it); English when the host does not say. */
  language: MenuLanguageSchema.optional(),
});
export type CreateRoomRequest = z.infer<typeof CreateRoomRequestSchema>;

/** What a browser keeps to be the same member after a reload. */
export interface MemberCredentials {
  roomId: string;
  memberId: string;
  memberToken: string;
}

export interface CreateRoomResponse extends MemberCredentials {
  code: string;
}

export interface ResolveCodeResponse {
  roomId: string;
}

/** Every HTTP error body, for rooms and photos alike: the same shape as a socket error reply. */
export interface HttpErrorBody<C extends string = string> {
  error: { code: C; message: string };
}

/** Every way a menu photo upload or reading can fail, with the HTTP status a route answers with. */
export const PHOTO_ERROR_STATUS = {
  invalid_request: 400,
  too_many_photos: 400,
  not_found: 404,
  too_large: 413,
  unsupported_type: 415,
  too_many_pixels: 422,
  corrupt_image: 422,
  no_dishes_found: 422,
  timeout: 504,
  busy: 503,
  unavailable: 503,
  internal: 500,
} as const;
export type PhotoErrorCode = keyof typeof PHOTO_ERROR_STATUS;
export interface PhotoErrorBody {
  code: PhotoErrorCode;
  message: string;
}

/** A dish read from a photo, with the box of its line on that photo. */
export interface DishOnPhoto {
  name: string;
  priceMinor: number;
  /** The section heading above the dish, when the menu has one. */
  category?: string;
  box: DishBox;
}

export interface PhotoJobResult {
  photos: Photo[];
  dishes: DishOnPhoto[];
  language: MenuLanguageCode;
  /** The language guessed from the photo's script, when the host did not choose one. */
  languageGuess: MenuLanguageCode | null;
  currency: string;
  /** Every recognised line, for dishes the parser missed. */
  lines: string[];
}

/** GET /api/photos/jobs/:jobId */
export interface PhotoJob {
  id: string;
  status: 'queued' | 'reading' | 'done' | 'failed';
  /** Jobs ahead of this one in the queue (0 when it runs). */
  position: number;
  /** 0..1 */
  progress: number;
  error?: PhotoErrorBody;
  result?: PhotoJobResult;
  /** When the job was last saved (ms since epoch). */
  updatedAt?: number;
}

/** POST /api/photos answers 202 with this. */
export interface PhotoJobAccepted {
  jobId: string;
  position: number;
}

// ---------- socket.io ----------

export const SOCKET_PATH = '/ws';

/**
 * Sent in `socket.handshake.auth`. Without a token the socket is a visitor: it sees visitorView and
 * hears no broadcasts until it joins.
 */
export const HandshakeAuthSchema = z.object({
  roomId: RoomIdSchema,
  memberToken: MemberTokenSchema.optional(),
  /** Absent in clients from before versioning (version 1). */
  protocol: z.number().int().min(0).max(1_000).default(1),
  /**
   * The menu this phone holds (see RoomSnapshot.menuVersion), for the first `room:sync` of the
   * connection: the phone sends that one in the old form, not knowing yet whether this replica reads
   * a request. Older replicas drop the field.
   */
  menuVersion: z.string().max(64).optional(),
});
export type HandshakeAuth = z.input<typeof HandshakeAuthSchema>;

export const JoinRequestSchema = z.object({ name: DisplayNameSchema });

/** `room:sync`; phones of protocol 4 and older send only the acknowledgement callback. */
export const SyncRequestSchema = z.object({
  /** The `menuVersion` of the menu this phone holds, if it holds one. */
  menuVersion: z.string().max(64).optional(),
});

export interface SyncReply {
  /** With `dishes` empty when `menuUnchanged`. */
  snapshot: RoomSnapshot;
  /** The phone's menu is the current one: the dishes were left out, keep yours. */
  menuUnchanged?: true;
  /** Which socket replica serves this connection (shown in the UI for support, asserted by tests). */
  replicaId: string;
  /** The protocol version of that replica. */
  protocol: number;
  /** The member this socket acts as, or null for a visitor who has not joined yet. */
  memberId: string | null;
}

export interface JoinReply extends MemberCredentials {
  version: number;
}

export interface ChangeReply {
  /** The room version that contains this operation (the original one when the op was a retry). */
  version: number;
  duplicate: boolean;
}

export const EVENTS = {
  roomSync: 'room:sync',
  memberJoin: 'member:join',
  roomChange: 'room:change',
  roomChanged: 'room:changed',
  roomVersion: 'room:version',
  presenceChanged: 'presence:changed',
} as const;

export interface ClientToServerEvents {
  [EVENTS.roomSync]: (request: z.input<typeof SyncRequestSchema>, ack: Ack<SyncReply>) => void;
  [EVENTS.memberJoin]: (request: z.input<typeof JoinRequestSchema>, ack: Ack<JoinReply>) => void;
  [EVENTS.roomChange]: (request: ChangeEnvelope, ack: Ack<ChangeReply>) => void;
}

export interface ServerToClientEvents {
  [EVENTS.roomChanged]: (event: RoomChanged) => void;
  /**
   * The room's current version, sent now and then and whenever this replica may have missed
   * broadcasts (its Redis subscriber reconnected). A client behind it resyncs.
   */
  [EVENTS.roomVersion]: (event: { version: number }) => void;
  [EVENTS.presenceChanged]: (event: { online: string[] }) => void;
}

/** Connect errors carry a code in `err.data` so the client can tell "room expired" from "network". */
export interface ConnectErrorData {
  code: ErrorCode;
}
