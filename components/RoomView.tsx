'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { RoomConnection } from '@/lib/client/roomConnection';
import { newOpId, useRoomStore } from '@/lib/client/roomStore';
import { BottomBar } from './BottomBar';
import { EditMenuSheet } from './EditMenuSheet';
import { ErrorAlert } from './ErrorAlert';
import { GroupOrder } from './GroupOrder';
import { JoinForm } from './JoinForm';
import { MenuList } from './MenuList';
import { MenuPhotos, type PhotoTarget } from './MenuPhotos';
import type { MenuDishInput } from './menuEditorModel';
import { RoomGone } from './RoomGone';
import { RoomHeader } from './RoomHeader';
import { RoomSkeleton } from './RoomSkeleton';
import { SharePanel } from './SharePanel';

/** One open room page: owns the live connection and picks the view for this phone's state. */
export function RoomView({ roomId }: { roomId: string }) {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const status = useRoomStore((s) => s.status);
  const meta = useRoomStore((s) => s.meta);
  const memberId = useRoomStore((s) => s.memberId);
  const photos = useRoomStore((s) => s.photos);
  const dishes = useRoomStore((s) => s.dishes);
  const [editing, setEditing] = useState(false);
  const [photoTarget, setPhotoTarget] = useState<PhotoTarget | null>(null);

  useEffect(() => {
    // One connection per mounted page. In development React mounts, unmounts and mounts again:
    // the first connection is closed in the cleanup before the second one resets the store.
    const opened = new RoomConnection(roomId);
    setConnection(opened);
    return () => opened.close();
  }, [roomId]);

  const setQty = useCallback((dishId: string, qty: number) => connection?.setQty(dishId, qty), [connection]);
  const join = useCallback(
    async (name: string) =>
      connection ? connection.join(name) : { code: 'unavailable' as const, message: 'Still connecting.' },
    [connection],
  );

  // Saving the same edits again (after a timeout) reuses the operation id, so a save that did land
  // the first time is not applied twice (which would add its new dishes twice).
  const lastSave = useRef<{ content: string; opId: string } | null>(null);
  const saveMenu = useCallback(
    async (edited: MenuDishInput[]) => {
      if (!connection) return { code: 'unavailable' as const, message: 'Still connecting.' };
      const content = JSON.stringify(edited);
      if (lastSave.current?.content !== content) lastSave.current = { content, opId: newOpId() };
      const failure = await connection.updateMenu(edited, lastSave.current.opId);
      if (!failure) lastSave.current = null;
      return failure;
    },
    [connection],
  );
  const showOnPhoto = useCallback(
    (dishId: string) => setPhotoTarget((last) => ({ dishId, nonce: (last?.nonce ?? 0) + 1 })),
    [],
  );

  // Until this page's connection has reset the store, the store may still hold another room.
  if (!connection) return <RoomSkeleton />;
  if (status === 'expired') return <RoomGone />;
  if (!meta || meta.roomId !== roomId) return <RoomSkeleton />;

  const isHost = memberId !== null && memberId === meta.hostMemberId;
  const share = <SharePanel roomId={roomId} code={meta.code} title={meta.title} isHost={isHost} />;
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
      <GroupOrder currency={meta.currency} hostMemberId={meta.hostMemberId} />
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
