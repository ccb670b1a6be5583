// The protocol's plain values: versions, limits, languages, needs, text rules, change and error
// codes, event names. No zod here, so the browser's bundle, which needs these but validates nothing
// with the schemas, does not carry zod (about 30 KB gzip); lib/protocol.ts re-exports all of it
// next to its schemas, and server code keeps importing from there.
import type { ChangeRequestInput, RoomChange } from './protocol';

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
/** A join code as people type it ("k7m xpq", "K7M-XPQ"): upper case, without spaces and dashes. */
export const normaliseJoinCode = (text: string) => text.toUpperCase().replace(/[\s-]/g, '');
/** A join code after normaliseJoinCode. */
export const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/**
 * A client's id for one room creation (`Idempotency-Key`) or one join (`requestId`), the same on
 * every retry of it: a retry after a write that was made but not confirmed lands on the first room
 * or member (lib/storage/redisRoomStore.ts). At least 128 random bits; as secret as the token it
 * leads to.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
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
  // Printable ASCII, most of what a menu holds, can have none of the problems but two, and each of
  // its characters is one letter: answered without the Unicode classes and the segmenter, which
  // were most of the time a replica spent validating a 300-dish menu.
  if (PRINTABLE_ASCII.test(text)) {
    const shown = text.replace(/ +/g, ' ').trim();
    if (shown === '') return options.allowEmpty ? null : 'invisible';
    return shown.length > max ? 'tooLong' : null;
  }
  return anyTextProblem(text, max, options);
}

const PRINTABLE_ASCII = /^[ -~]*$/;

/** textProblem for any text (exported for the property test that the ASCII path agrees with it). */
export function anyTextProblem(
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

// ---------- changes ----------

/**
 * Every change type a member can ask for, with the protocol version that introduced it: an older
 * replica refuses newer ones. Each has its schema in protocol.ts's CHANGE_REQUESTS, which the type
 * checker holds to exactly these keys.
 */
export const CHANGE_SINCE = {
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
} as const satisfies Record<string, number>;

export type ChangeType = keyof typeof CHANGE_SINCE;
export const CHANGE_TYPES = Object.keys(CHANGE_SINCE) as [ChangeType, ...ChangeType[]];

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

// ---------- socket.io ----------

export const SOCKET_PATH = '/ws';

export const EVENTS = {
  roomSync: 'room:sync',
  memberJoin: 'member:join',
  roomChange: 'room:change',
  roomChanged: 'room:changed',
  roomVersion: 'room:version',
  presenceChanged: 'presence:changed',
} as const;
