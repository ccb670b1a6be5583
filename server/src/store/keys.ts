// Every key of a room carries the hash tag {roomId}, so all of them live in one Redis Cluster slot
// and one Lua script may touch them all.
export function roomKeys(roomId: string) {
  const tag = `room:{${roomId}}`;
  return {
    meta: `${tag}:meta`,
    menu: `${tag}:menu`,
    members: `${tag}:members`,
    tokens: `${tag}:tokens`,
    picks: `${tag}:picks`,
    ops: `${tag}:ops`,
    presence: `${tag}:presence`,
  };
}

/** The keys every mutating script receives, in this order (the scripts refresh the TTL of each). */
export function mutationKeys(roomId: string): string[] {
  const k = roomKeys(roomId);
  return [k.meta, k.menu, k.members, k.tokens, k.picks, k.ops];
}

export function joinCodeKey(code: string): string {
  return `code:${code}`;
}

/** Field of the picks hash: one quantity per dish and member. */
export function pickField(dishId: string, memberId: string): string {
  return `${dishId}:${memberId}`;
}
