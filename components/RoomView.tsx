'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { openRoomInBrowser } from '@/lib/roomClient/browser';
import { randomId } from '@/lib/roomClient/randomId';
import { RoomClientProvider, useRoomClient, useRoomState } from '@/lib/roomClient/react';
import type { RoomClient } from '@/lib/roomClient/roomClient';
import { BottomBar } from './BottomBar';
import { EditMenuSheet } from './EditMenuSheet';
import { ErrorAlert } from './ErrorAlert';
import { GroupOrder } from './GroupOrder';
import { JoinForm } from './JoinForm';
import { MenuList } from './MenuList';
import { MenuPhotos, type PhotoTarget } from './MenuPhotos';
import type { MenuDishInput } from './menuEditorModel';
import { ReloadNeeded } from './ReloadNeeded';
import { RoomGone } from './RoomGone';
import { RoomHeader } from './RoomHeader';
import { RoomSkeleton } from './RoomSkeleton';
import { SharePanel } from './SharePanel';

/** One open room page: owns the live connection for as long as the page shows this room. */
export function RoomView({ roomId }: { roomId: string }) {
  const [client, setClient] = useState<RoomClient | null>(null);
  useEffect(() => {
    // One connection per mounted page. In development React mounts, unmounts and mounts again:
    // the first connection is closed in the cleanup before the second one opens.
    const opened = openRoomInBrowser(roomId);
    setClient(opened);
    return () => opened.close();
  }, [roomId]);
  if (!client || client.roomId !== roomId) return <RoomSkeleton />;
  return (
    <RoomClientProvider client={client}>
      <Room />
    </RoomClientProvider>
  );
}

/** Picks the view for this phone's state of the room. */
function Room() {
  const client = useRoomClient();
  const status = useRoomState((s) => s.status);
  const meta = useRoomState((s) => s.meta);
  const memberId = useRoomState((s) => s.memberId);
  const photos = useRoomState((s) => s.photos);
  const dishes = useRoomState((s) => s.dishes);
  const hostMemberId = useRoomState((s) => s.hostMemberId);
  const [editing, setEditing] = useState(false);
  const [photoTarget, setPhotoTarget] = useState<PhotoTarget | null>(null);

  const setQty = useCallback((dishId: string, qty: number) => void client.setQty(dishId, qty), [client]);
  const join = useCallback((name: string) => client.join(name), [client]);

  // Saving the same edits again (after no answer) reuses the operation id, so a save that did land
  // the first time is not applied twice (which would add its new dishes twice).
  const lastSave = useRef<{ content: string; opId: string } | null>(null);
  const saveMenu = useCallback(
    async (edited: MenuDishInput[]) => {
      const content = JSON.stringify(edited);
      if (lastSave.current?.content !== content) lastSave.current = { content, opId: randomId() };
      const failure = await client.submitAndWait(
        { type: 'menu.replace', dishes: edited },
        lastSave.current.opId,
      );
      if (!failure) lastSave.current = null;
      return failure;
    },
    [client],
  );
  const showOnPhoto = useCallback(
    (dishId: string) => setPhotoTarget((last) => ({ dishId, nonce: (last?.nonce ?? 0) + 1 })),
    [],
  );

  if (status === 'expired') return <RoomGone />;
  if (status === 'outdated') return <ReloadNeeded />;
  if (!meta || meta.roomId !== client.roomId) return <RoomSkeleton live />;

  const isHost = memberId !== null && memberId === hostMemberId;
  const share = <SharePanel roomId={client.roomId} code={meta.code} title={meta.title} isHost={isHost} />;
  const menuPhotos = photos.length > 0 && (
    <MenuPhotos photos={photos} dishes={dishes} target={photoTarget} onBack={backToDish} />
  );
  const onShowOnPhoto = photos.length > 0 ? showOnPhoto : undefined;

  if (!memberId) {
    return (
      <main className="page room">
        <RoomHeader title={meta.title} />
        <ErrorAlert />
        <JoinForm title={meta.title} onJoin={join} />
        {menuPhotos}
        <MenuList currency={meta.currency} onShowOnPhoto={onShowOnPhoto} />
      </main>
    );
  }

  return (
    <main className="page room with-bottom-bar">
      <RoomHeader title={meta.title} />
      <ErrorAlert />
      {/* The host shows the QR code first; guests mostly need the menu. */}
      {isHost && share}
      {menuPhotos}
      <MenuList
        currency={meta.currency}
        onSetQty={setQty}
        onEdit={isHost ? () => setEditing(true) : undefined}
        onShowOnPhoto={onShowOnPhoto}
      />
      <GroupOrder currency={meta.currency} hostMemberId={hostMemberId} />
      {!isHost && share}
      <BottomBar currency={meta.currency} />
      {isHost && editing && (
        <EditMenuSheet currency={meta.currency} onSave={saveMenu} onClose={() => setEditing(false)} />
      )}
    </main>
  );
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
