'use client';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { openRoomInBrowser } from '@/lib/roomClient/browser';
import { randomId } from '@/lib/roomClient/randomId';
import {
  RoomClientProvider,
  useRoomClient,
  useRoomClientOrNull,
  useRoomState,
  useRoomStore,
} from '@/lib/roomClient/react';
import type { Dish, DishExplanation } from '@/lib/protocol';
import type { ReplyError } from '@/lib/protocolValues';
import type { MenuLanguageCode } from '@/lib/protocolValues';
import type { RoomClient } from '@/lib/roomClient/roomClient';
import { type LastKnownRoom, noteOf, roomStateFrom } from '@/lib/roomClient/state';
import { BottomBar } from './BottomBar';
import type { DishActions } from './DishRow';
import { ErrorAlert } from './ErrorAlert';
import { GroupOrder } from './GroupOrder';
import { JoinForm } from './JoinForm';
import { MenuList } from './MenuList';
import { MenuPhotos, type PhotoTarget } from './MenuPhotos';
import type { MenuDishInput } from './menuEditorModel';
import { DoneButton } from './order/DoneButton';
import { HomeCurrency, useHomeRate } from './order/HomeCurrency';
import { HostControls } from './order/HostControls';
import { MyNeeds } from './order/MyNeeds';
import { PickingFor } from './order/PickingFor';
import { RoomBanners } from './order/RoomBanners';
import { RoundsHistory } from './order/RoundsHistory';
import { ReloadNeeded } from './ReloadNeeded';
import { RoomGone } from './RoomGone';
import { RoomHeader } from './RoomHeader';
import { RoomSkeleton } from './RoomSkeleton';
import { SharePanel } from './SharePanel';
import { useOrderSummary } from './useOrderSummary';

// What opens on a tap (the sheets, the menu editor, the staff card with its phrase table in eleven
// languages, a guest's QR code) is not in the page's first JavaScript: the room shows and answers sooner. Each part is
// fetched once the room is on screen and the phone is idle (warmUpRoomParts), so a tap opens it at
// once, offline too (the service worker keeps what was fetched).
const roomParts = {
  editMenu: () => import('./EditMenuSheet'),
  explain: () => import('./order/ExplainDishSheet'),
  needs: () => import('./order/NeedsSheet'),
  note: () => import('./order/PickNoteSheet'),
  share: () => import('./order/ShareDishSheet'),
  staffCard: () => import('./order/StaffCardView'),
  // Drawn by the share panel when a guest scrolls down to it.
  qrCode: () => import('qrcode'),
};
const EditMenuSheet = lazy(() => roomParts.editMenu().then((m) => ({ default: m.EditMenuSheet })));
const ExplainDishSheet = lazy(() => roomParts.explain().then((m) => ({ default: m.ExplainDishSheet })));
const NeedsSheet = lazy(() => roomParts.needs().then((m) => ({ default: m.NeedsSheet })));
const PickNoteSheet = lazy(() => roomParts.note().then((m) => ({ default: m.PickNoteSheet })));
const ShareDishSheet = lazy(() => roomParts.share().then((m) => ({ default: m.ShareDishSheet })));
const StaffCardView = lazy(() => roomParts.staffCard().then((m) => ({ default: m.StaffCardView })));

/**
 * Fetches every tap-only part of a member's room when the phone is idle (a visitor gets none). The
 * menu editor only for the host, the one who can open it: it brings zod and the protocol's schemas
 * (35 KB gzip) that nothing else on a guest's phone needs.
 */
function useWarmUpRoomParts(member: boolean, host: boolean) {
  useEffect(() => {
    if (!member) return;
    const load = () => {
      // A failed fetch (offline) is tried again by the tap itself.
      for (const [name, part] of Object.entries(roomParts))
        if (host || name !== 'editMenu') part().catch(() => {});
    };
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(load, { timeout: 5_000 });
      return () => window.cancelIdleCallback(handle);
    }
    const handle = window.setTimeout(load, 2_000);
    return () => window.clearTimeout(handle);
  }, [member, host]);
}

/**
 * One open room page: owns the live connection for as long as the page shows this room.
 * `fromServer`: the room as the page's server read it from Redis, a visitor's view (title, menu,
 * how many are at the table), so the HTML already paints the join screen and the menu; the
 * connection replaces it with what the socket confirms.
 */
export function RoomView({
  roomId,
  fromServer,
  member = false,
}: {
  roomId: string;
  fromServer: LastKnownRoom | null;
  /** The phone says it is a member (MEMBER_PAGE_COOKIE): the preview is a member's layout. */
  member?: boolean;
}) {
  const [client, setClient] = useState<RoomClient | null>(null);
  // The same store on the server and in the browser's first render, so hydration matches.
  const [preview] = useState(() =>
    fromServer ? roomStateFrom(fromServer, member ? SOME_MEMBER : null) : null,
  );
  useEffect(() => {
    // One connection per mounted page. In development React mounts, unmounts and mounts again:
    // the first connection is closed in the cleanup before the second one opens.
    const opened = openRoomInBrowser(roomId, fromServer);
    setClient(opened);
    return () => opened.close();
  }, [roomId, fromServer]);
  const live = client && client.roomId === roomId ? client : null;
  if (!live && !preview) return <RoomSkeleton />;
  // One tree for the preview and the live room: for a visitor nothing on screen is replaced.
  return (
    <RoomClientProvider client={live} store={preview ?? undefined}>
      <Room roomId={roomId} />
    </RoomClientProvider>
  );
}

/**
 * The member a preview is drawn for before the phone's credentials are read: no real member id (nor
 * the host's, which is empty in a visitor's view), so nothing in the preview is anybody's.
 */
const SOME_MEMBER = '(this phone)';

/** What joining or saving answers before the page's connection exists (a tap faster than hydration). */
const NOT_CONNECTED: ReplyError = {
  code: 'unavailable',
  message: 'Not connected yet: try again in a moment.',
};

type OpenSheet =
  | { kind: 'note' | 'share' | 'explain'; dishId: string }
  | { kind: 'needs'; memberId: string }
  | null;

/** Picks the view for this phone's state of the room; `client` is null before the connection exists. */
function Room({ roomId }: { roomId: string }) {
  const client = useRoomClientOrNull();
  const store = useRoomStore();
  const status = useRoomState((s) => s.status);
  const meta = useRoomState((s) => s.meta);
  const memberId = useRoomState((s) => s.memberId);
  const photos = useRoomState((s) => s.photos);
  const dishes = useRoomState((s) => s.dishes);
  const members = useRoomState((s) => s.members);
  const hostMemberId = useRoomState((s) => s.hostMemberId);
  const locked = useRoomState((s) => s.locked);
  const closed = useRoomState((s) => s.closed);
  const round = useRoomState((s) => s.round);
  const rounds = useRoomState((s) => s.rounds);
  const memberCount = useRoomState((s) => s.memberCount);
  const joining = useRoomState((s) => s.joining);
  const summary = useOrderSummary();
  const [editing, setEditing] = useState(false);
  const [photoTarget, setPhotoTarget] = useState<PhotoTarget | null>(null);
  const [sheet, setSheet] = useState<OpenSheet>(null);
  const [staffCard, setStaffCard] = useState(false);
  const [pickingFor, setPickingFor] = useState<string | null>(null);
  const home = useHomeRate(roomId, meta?.currency ?? 'EUR');
  const isHost = memberId !== null && memberId === hostMemberId;
  useWarmUpRoomParts(memberId !== null && meta !== null, isHost);

  const phoneless = members.filter((m) => m.phoneless);
  // Only the host picks for members without a phone, and only for those still in the room.
  const target =
    isHost && pickingFor && phoneless.some((m) => m.id === pickingFor) ? pickingFor : (memberId ?? '');

  const join = useCallback(
    (name: string) => (client ? client.join(name) : Promise.resolve(NOT_CONNECTED)),
    [client],
  );
  const setQty = useCallback(
    (dishId: string, qty: number) => {
      if (!client) return;
      if (target === memberId) client.setQty(dishId, qty);
      else client.submit({ type: 'pick.setFor', memberId: target, dishId, qty });
    },
    [client, target, memberId],
  );

  // Saving the same edits again (after no answer) reuses the operation id, so a save that did land
  // the first time is not applied twice (which would add its new dishes twice).
  const lastSave = useRef<{ content: string; opId: string } | null>(null);
  const saveMenu = useCallback(
    async (edited: MenuDishInput[]) => {
      if (!client) return NOT_CONNECTED;
      const content = JSON.stringify(edited);
      if (lastSave.current?.content !== content) lastSave.current = { content, opId: randomId() };
      const { dishes: current, meta: currentMeta } = client.store.getState();
      const explained = await withExplanations(edited, current, currentMeta?.language ?? 'en');
      const failure = await client.submitAndWait(
        { type: 'menu.replace', dishes: explained },
        lastSave.current.opId,
      );
      if (!failure) lastSave.current = null;
      return failure;
    },
    [client],
  );
  // The room on screen is a visitor's view (hostMemberId empty): see where a member's view is drawn.
  const provisional = hostMemberId === '';
  // One object for as long as nothing in it changes: every dish row is memoised on it.
  const actions = useMemo<DishActions>(
    () => ({
      target,
      readOnly: locked || closed,
      isHost,
      onSetQty: setQty,
      onNote: (dishId) => setSheet({ kind: 'note', dishId }),
      onShare: (dishId) => setSheet({ kind: 'share', dishId }),
      onExplain: (dishId) => setSheet({ kind: 'explain', dishId }),
      canExplain: !closed,
      waiting: provisional,
    }),
    [target, locked, closed, provisional, isHost, setQty],
  );
  const showOnPhoto = useCallback(
    (dishId: string) => setPhotoTarget((last) => ({ dishId, nonce: (last?.nonce ?? 0) + 1 })),
    [],
  );

  if (status === 'expired') return <RoomGone />;
  if (status === 'outdated') return <ReloadNeeded />;
  if (!meta || meta.roomId !== roomId) return <RoomSkeleton live />;

  const share = <SharePanel roomId={roomId} code={meta.code} title={meta.title} isHost={isHost} />;
  const menuPhotos = photos.length > 0 && (
    <MenuPhotos photos={photos} dishes={dishes} target={photoTarget} onBack={backToDish} />
  );
  const onShowOnPhoto = photos.length > 0 ? showOnPhoto : undefined;
  const staff = staffCard && (
    <Suspense fallback={null}>
      <StaffCardView
        language={meta.language}
        currency={meta.currency}
        photos={photos}
        current={summary}
        round={round}
        rounds={rounds}
        onClose={() => setStaffCard(false)}
      />
    </Suspense>
  );

  if (!memberId) {
    return (
      <main className="page room">
        <RoomHeader title={meta.title} />
        <RoomBanners />
        <ErrorAlert />
        {!closed && (
          <JoinForm
            title={meta.title}
            memberCount={memberCount}
            joiningOpen={joining !== false}
            onJoin={join}
          />
        )}
        {menuPhotos}
        {/* A visitor is shown the menu and nothing of the table's order (see visitorView). */}
        <MenuList currency={meta.currency} onShowOnPhoto={onShowOnPhoto} />
      </main>
    );
  }

  // A member whose phone saved no room yet sees the server's visitor view (no order in it) until
  // the socket's snapshot (provisional): its controls are drawn where they will be, so nothing moves
  // when the snapshot lands, but disabled (waiting), since quantities are set absolutely.
  const sheetDish = sheet && sheet.kind !== 'needs' ? dishes.find((d) => d.id === sheet.dishId) : undefined;
  const current = store.getState();

  return (
    <main className="page room with-bottom-bar">
      <RoomHeader title={meta.title} />
      <RoomBanners />
      <ErrorAlert />
      {/* The host shows the QR code first; guests mostly need the menu. */}
      {isHost && share}
      {isHost && <HostControls hasItems={summary.lines.length > 0} />}
      {isHost && <PickingFor me={memberId} phoneless={phoneless} value={target} onChange={setPickingFor} />}
      <MyNeeds
        memberId={target}
        name={target === memberId ? null : (members.find((m) => m.id === target)?.name ?? null)}
        readOnly={locked || closed}
        waiting={provisional}
        onEdit={(id) => setSheet({ kind: 'needs', memberId: id })}
      />
      {menuPhotos}
      <MenuList
        currency={meta.currency}
        actions={actions}
        onEdit={isHost && !closed ? () => setEditing(true) : undefined}
        onShowOnPhoto={onShowOnPhoto}
      />
      {!closed && !provisional && <DoneButton />}
      <GroupOrder currency={meta.currency} hostMemberId={hostMemberId} home={home.format} />
      <RoundsHistory rounds={rounds} currency={meta.currency} />
      <HomeCurrency menuCurrency={meta.currency} rate={home.rate} onChange={home.save} />
      {/* A visitor's view has no join code to share. */}
      {!isHost && !provisional && share}
      <BottomBar currency={meta.currency} onShowStaff={() => setStaffCard(true)} />
      <Suspense fallback={null}>
        {isHost && editing && (
          <EditMenuSheet currency={meta.currency} onSave={saveMenu} onClose={() => setEditing(false)} />
        )}
        {sheet?.kind === 'note' && sheetDish && (
          <PickNoteSheet
            dishName={sheetDish.name}
            {...noteOf(current, sheetDish.id, target)}
            onSave={(note, needs) =>
              client?.submit({
                type: 'pick.note',
                dishId: sheetDish.id,
                note,
                needs,
                ...(target === memberId ? {} : { memberId: target }),
              })
            }
            onClose={() => setSheet(null)}
          />
        )}
        {sheet?.kind === 'share' && sheetDish && (
          <ShareDishSheet
            dishName={sheetDish.name}
            others={members.filter((m) => m.id !== memberId)}
            onOffer={(plates, memberIds) =>
              client?.submit({
                type: 'share.offer',
                shareId: randomId(8),
                dishId: sheetDish.id,
                plates,
                memberIds,
              })
            }
            onClose={() => setSheet(null)}
          />
        )}
        {sheet?.kind === 'explain' && sheetDish && (
          <ExplainDishSheet
            dishName={sheetDish.name}
            text={
              current.explanations.find((e) => e.dishId === sheetDish.id && e.memberId === memberId)?.text ??
              ''
            }
            onSave={(text) => client?.submit({ type: 'dish.explain', dishId: sheetDish.id, text })}
            onClose={() => setSheet(null)}
          />
        )}
        {sheet?.kind === 'needs' && (
          <NeedsSheetFor memberId={sheet.memberId} me={memberId} onClose={() => setSheet(null)} />
        )}
      </Suspense>
      {staff}
    </main>
  );
}

/** The needs sheet for this member, or for a member without a phone the host speaks for. */
function NeedsSheetFor({ memberId, me, onClose }: { memberId: string; me: string; onClose: () => void }) {
  const client = useRoomClient();
  const member = useRoomState((s) => s.members.find((m) => m.id === memberId));
  if (!member) return null;
  return (
    <NeedsSheet
      name={memberId === me ? null : member.name}
      needs={member.needs}
      onSave={(needs) =>
        client?.submit({ type: 'member.needs', needs, ...(memberId === me ? {} : { memberId }) })
      }
      onClose={onClose}
    />
  );
}

/**
 * The edited menu with each dish's explanation: kept for a dish whose name did not change, asked of
 * the web tier (which holds the glossary and the dictionaries) for new and renamed ones. Without an
 * answer the menu is saved as it is: explanations are a help, never a reason to lose an edit.
 */
async function withExplanations(
  edited: MenuDishInput[],
  current: Dish[],
  language: MenuLanguageCode,
): Promise<MenuDishInput[]> {
  const known = new Map(current.map((dish) => [dish.id, dish]));
  const kept = edited.map((dish) => {
    const before = dish.id ? known.get(dish.id) : undefined;
    return before?.name === dish.name && before.explanation
      ? { ...dish, explanation: before.explanation }
      : dish;
  });
  const missing = kept.flatMap((dish, index) => (dish.explanation ? [] : [index]));
  if (missing.length === 0) return kept;
  try {
    const response = await fetch('/api/explain', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language, names: missing.map((index) => kept[index]?.name ?? '') }),
    });
    if (!response.ok) return kept;
    const { explanations } = (await response.json()) as { explanations: (DishExplanation | null)[] };
    return kept.map((dish, index) => {
      const explanation = explanations[missing.indexOf(index)];
      return explanation ? { ...dish, explanation } : dish;
    });
  } catch {
    return kept;
  }
}

/** From the photo back to the dish's row in the menu, with focus on it for the next tap. */
function backToDish(dishId: string) {
  const row = document.querySelector<HTMLElement>(
    `[data-testid="dish-row"][data-dish-id="${CSS.escape(dishId)}"]`,
  );
  if (!row) return;
  row.scrollIntoView({ block: 'center', behavior: 'smooth' });
  row.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
}
