// The one protocol module: event names, payload schemas, reply shapes, error codes and limits
// shared by the Next app, the socket server, the client core and the tests. No event name is
// spelled anywhere else. The plain values (limits, codes, event names, text rules) are in
// protocolValues.ts, re-exported here: the browser imports them from there, without zod.
//
// Versioning: the client sends PROTOCOL_VERSION in the handshake. A replica talks to clients one
// version older or newer than itself (a rolling deploy has both at once) and refuses the rest with
// `protocol_mismatch`, and the page asks the person to reload. Within that window every change is
// additive: request schemas strip unknown fields instead of refusing them, a change type a replica
// does not know yet is answered `unsupported_change` (retryable: a newer replica will take it), and a
// client that receives a change type it does not know resyncs from the snapshot.
import { z } from 'zod';
import { CURRENCY_CODES, MAX_MINOR_AMOUNT } from './money';
import {
  type Ack,
  type ChangeType,
  DIETARY_NEEDS,
  type DietaryNeed,
  EVENTS,
  type ErrorCode,
  INGREDIENT_HINTS,
  INTERFACE_LANGUAGES,
  JOIN_CODE_PATTERN,
  MAX_DISH_NAME_LENGTH,
  MAX_DISHES,
  MAX_EXPLANATION_LENGTH,
  MAX_GLOSS_LENGTH,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_PHOTOS,
  MAX_PLATES,
  MAX_QTY_PER_PICK,
  MAX_ROUNDS,
  MAX_SHARE_MEMBERS,
  MAX_TITLE_LENGTH,
  MENU_LANGUAGE_CODES,
  type MenuLanguageCode,
  normaliseJoinCode,
  type PhotoErrorBody,
  REQUEST_ID_PATTERN,
  TEXT_PROBLEM_MESSAGES,
  normaliseText,
  textProblem,
} from './protocolValues';

export * from './protocolValues';

// zod 4 compiles object schemas with `new Function` when it may, and finds out by trying: under the
// pages' Content-Security-Policy (no 'unsafe-eval', proxy.ts) that attempt is a reported violation.
// In a browser, the few forms that load these schemas validate without compiling; servers keep the
// compiled schemas, which are faster on the socket replicas' hot path.
if (typeof window !== 'undefined') z.config({ jitless: true });

export const MenuLanguageSchema = z.enum(MENU_LANGUAGE_CODES);

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
  .transform(normaliseJoinCode)
  .pipe(z.string().regex(JOIN_CODE_PATTERN, 'not a join code'));

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
} as const satisfies Record<ChangeType, z.ZodType>;

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
export interface RoomChanged {
  version: number;
  change: RoomChange;
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

export const RequestIdSchema = z.string().regex(REQUEST_ID_PATTERN, 'not a request id');

export const JoinRequestSchema = z.object({
  name: DisplayNameSchema,
  /** The same on every retry of one join (REQUEST_ID_PATTERN); older replicas drop it. */
  requestId: RequestIdSchema.optional(),
});

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
