// The one protocol module: event names, payload schemas and reply shapes shared by the Next app,
// the socket server and the tests. No event name is spelled anywhere else.
import { z } from 'zod';
import { CURRENCY_CODES, MAX_MINOR_AMOUNT } from './money';

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
export const JoinCodeSchema = z
  .string()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`), 'not a join code'));

const displayText = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`));

export const DisplayNameSchema = displayText(MAX_NAME_LENGTH);
export const CurrencySchema = z.enum(CURRENCY_CODES);
export const QuantitySchema = z.number().int().min(0).max(MAX_QTY_PER_PICK);
export const PriceMinorSchema = z.number().int().min(0).max(MAX_MINOR_AMOUNT);

// ---------- room state ----------

export const PhotoIdSchema = urlSafeId(8, 64);
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

/** A dish as the host enters or corrects it: name as printed, price, and where it came from. */
export const DishInputSchema = z.object({
  name: displayText(MAX_DISH_NAME_LENGTH),
  priceMinor: PriceMinorSchema,
  category: displayText(MAX_DISH_NAME_LENGTH).optional(),
  box: DishBoxSchema.optional(),
});
export const DishSchema = DishInputSchema.extend({ id: DishIdSchema });
export const PhotoSchema = z.object({
  id: PhotoIdSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Photo = z.infer<typeof PhotoSchema>;
export const MemberSchema = z.object({ id: MemberIdSchema, name: DisplayNameSchema });
export const PickSchema = z.object({ dishId: DishIdSchema, memberId: MemberIdSchema, qty: QuantitySchema });

export type Dish = z.infer<typeof DishSchema>;
export type DishInput = z.infer<typeof DishInputSchema>;
export type Member = z.infer<typeof MemberSchema>;
export type Pick = z.infer<typeof PickSchema>;

export interface RoomSnapshot {
  roomId: string;
  code: string;
  title: string;
  currency: z.infer<typeof CurrencySchema>;
  hostMemberId: string;
  /** Increases by exactly one with every change to the room; clients apply change N+1 only on top of N. */
  version: number;
  createdAt: number;
  expiresAt: number;
  dishes: Dish[];
  /** Menu photos the room was opened from (served by GET /api/photos/:id), in page order. */
  photos: Photo[];
  members: Member[];
  /** Only non-zero quantities. */
  picks: Pick[];
  online: string[];
}

/** A versioned change, as broadcast to every member of a room. */
export type RoomChange =
  | { type: 'pick'; dishId: string; memberId: string; qty: number }
  | { type: 'member'; member: Member }
  /** The host changed the menu; picks of dishes that are gone were removed with it. */
  | { type: 'menu'; dishes: Dish[] };

export interface RoomChanged {
  version: number;
  change: RoomChange;
}

// ---------- HTTP (Next route handlers) ----------

export const CreateRoomRequestSchema = z.object({
  title: displayText(MAX_TITLE_LENGTH),
  currency: CurrencySchema,
  hostName: DisplayNameSchema,
  dishes: z.array(DishInputSchema).min(1, 'add at least one dish').max(MAX_DISHES),
  /** Photos uploaded (POST /api/photos) before opening the room; they live as long as the room. */
  photoIds: z.array(PhotoIdSchema).max(MAX_PHOTOS).optional(),
});
export type CreateRoomRequest = z.infer<typeof CreateRoomRequestSchema>;

/** What a browser keeps to be the same member after a reload: see `memberSession` on the client. */
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

// ---------- socket.io ----------

export const SOCKET_PATH = '/ws';

/** Sent in `socket.handshake.auth`. Without a token the socket may only read the room and join it. */
export const HandshakeAuthSchema = z
  .object({ roomId: RoomIdSchema, memberToken: MemberTokenSchema.optional() })
  .strict();
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;

export const JoinRequestSchema = z.object({ name: DisplayNameSchema }).strict();
export const SetPickRequestSchema = z
  .object({ opId: OpIdSchema, dishId: DishIdSchema, qty: QuantitySchema })
  .strict();
export type SetPickRequest = z.infer<typeof SetPickRequestSchema>;

/**
 * The host replaces the menu: dishes that keep their `id` keep their picks, dishes without one are
 * new, dishes left out are removed together with their picks.
 */
export const UpdateMenuRequestSchema = z
  .object({
    opId: OpIdSchema,
    dishes: z
      .array(DishInputSchema.extend({ id: DishIdSchema.optional() }))
      .min(1, 'a menu needs at least one dish')
      .max(MAX_DISHES),
  })
  .strict();
export type UpdateMenuRequest = z.infer<typeof UpdateMenuRequestSchema>;

export const ERROR_CODES = [
  'invalid_payload',
  'room_not_found',
  'unknown_dish',
  'not_a_member',
  'not_the_host',
  'unauthorised',
  'room_full',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ReplyError {
  code: ErrorCode;
  message: string;
}
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ReplyError };
export type Ack<T> = (reply: Reply<T>) => void;

export interface SyncReply {
  snapshot: RoomSnapshot;
  /** Which socket replica serves this connection (shown in the UI for support, asserted by tests). */
  replicaId: string;
  /** The member this socket acts as, or null for a visitor who has not joined yet. */
  memberId: string | null;
}

export interface JoinReply extends MemberCredentials {
  version: number;
}

export interface SetPickReply {
  /** The room version that contains this operation (the original one when the op was a retry). */
  version: number;
  duplicate: boolean;
}

export const EVENTS = {
  roomSync: 'room:sync',
  memberJoin: 'member:join',
  pickSet: 'pick:set',
  menuUpdate: 'menu:update',
  roomChanged: 'room:changed',
  roomVersion: 'room:version',
  presenceChanged: 'presence:changed',
} as const;

export interface ClientToServerEvents {
  [EVENTS.roomSync]: (ack: Ack<SyncReply>) => void;
  [EVENTS.memberJoin]: (request: z.input<typeof JoinRequestSchema>, ack: Ack<JoinReply>) => void;
  [EVENTS.pickSet]: (request: SetPickRequest, ack: Ack<SetPickReply>) => void;
  [EVENTS.menuUpdate]: (
    request: z.input<typeof UpdateMenuRequestSchema>,
    ack: Ack<{ version: number }>,
  ) => void;
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

/** The one answer for a room that is not in Redis: it expired, or it never existed. */
export const ROOM_GONE_MESSAGE = 'This room does not exist or has expired.';

export function errorReply(code: ErrorCode, message: string): { ok: false; error: ReplyError } {
  return { ok: false, error: { code, message } };
}

/** Turns zod issues into one short sentence a person can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
