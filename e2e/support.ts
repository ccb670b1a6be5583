import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { credentialsKey, MemberSession, memoryStorage, outboxKey } from '../lib/roomClient/session';
import { type RoomRecord, readRoomRecord } from '../lib/storage/inspect';
import { createRedis } from '../lib/storage/redis';

export interface Phone {
  context: BrowserContext;
  page: Page;
}

/** A new phone: its own browser context (own storage, own cookies), the mobile profile from the config. */
export async function newPhone(browser: Browser, options: { locale?: string } = {}): Promise<Phone> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, ...options });
  return { context, page: await context.newPage() };
}

/** Opens a room from a typed menu: the first screen's "Type the menu", then the name and title. */
export async function openRoom(page: Page, host: string, title: string, menu: string, currency = 'KRW') {
  await page.goto('/');
  await page.getByRole('button', { name: 'Type the menu' }).click();
  await page.getByLabel('Dishes, one per line: name and price').fill(menu);
  await page.getByLabel('Menu currency').selectOption(currency);
  await fillHostDetails(page, host, title);
  await page.getByRole('button', { name: 'Open the room' }).click();
  await expect(page).toHaveURL(/\/r\/[A-Za-z0-9_-]+$/);
  await expectConnected(page);
}

/** The host's name and the room's title: asked under the menu, once it is there. */
export async function fillHostDetails(page: Page, host: string, title?: string) {
  await page.getByLabel('Your name').fill(host);
  if (title !== undefined) await page.getByLabel('Room title').fill(title);
}

/** The first screen's big button: the photo goes to the camera input, as a phone's camera would send it. */
export async function photographMenu(
  page: Page,
  photo: Buffer,
  name = 'menu.png',
  label = 'Photograph the menu',
) {
  await page.getByLabel(label).setInputFiles({ name, mimeType: 'image/png', buffer: photo });
}

/**
 * Every control of every review row lies inside its row's box, and nothing makes the page wider
 * than the phone: what a 390 px layout has to hold (the Delete button used to stick out).
 */
export async function expectReviewRowsFit(page: Page, deleteName = /^Delete /) {
  const rows = page.getByTestId('editor-row');
  await expect(rows.first()).toBeVisible();
  const outside = await rows.evaluateAll((elements) =>
    elements.flatMap((row, index) => {
      const box = row.getBoundingClientRect();
      return [...row.querySelectorAll('button, input')]
        .filter((control) => {
          const c = control.getBoundingClientRect();
          return (
            c.left < box.left - 0.5 ||
            c.right > box.right + 0.5 ||
            c.top < box.top - 0.5 ||
            c.bottom > box.bottom + 0.5
          );
        })
        .map((control) => `row ${index + 1}: ${control.getAttribute('aria-label') ?? control.textContent}`);
    }),
  );
  expect(outside).toEqual([]);
  // The same for the first row's Delete with Playwright's own layout boxes.
  const row = await rows.first().boundingBox();
  const remove = await rows.first().getByRole('button', { name: deleteName }).boundingBox();
  if (!row || !remove) throw new Error('no layout for the first review row');
  expect(remove.x).toBeGreaterThanOrEqual(row.x);
  expect(remove.x + remove.width).toBeLessThanOrEqual(row.x + row.width);
  expect(remove.y + remove.height).toBeLessThanOrEqual(row.y + row.height);
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(width[0]).toBeLessThanOrEqual(width[1] ?? 0);
}

export async function joinWithName(page: Page, name: string) {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join and pick dishes' }).click();
  await expect(page.getByRole('button', { name: /^Add one / }).first()).toBeEnabled();
}

export async function expectConnected(page: Page) {
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
}

export async function replicaOf(page: Page): Promise<string> {
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-replica', /.+/);
  return (await status.getAttribute('data-replica')) ?? '';
}

/** Reads the QR code the way a phone camera would: from the pixels of the rendered image. */
export async function decodeQr(page: Page): Promise<string> {
  const image = page.getByRole('img', { name: 'QR code to join this room' });
  await expect(image).toBeVisible();
  const pixels = await image.evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, data: Array.from(data.data) };
  });
  const code = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
  if (!code) throw new Error('the QR code on the page could not be decoded');
  return code.data;
}

/** The room id of an open room page: the last segment of its URL. */
export function roomIdOf(page: Page): string {
  return new URL(page.url()).pathname.split('/').at(-1) ?? '';
}

/** The member this phone is in a room, as the page saved it (what a reload comes back as). */
export async function memberIdOf(page: Page, roomId: string): Promise<string> {
  const saved = await page.evaluate((key) => localStorage.getItem(key), credentialsKey(roomId));
  const memberId = saved ? (JSON.parse(saved) as { memberId?: string }).memberId : undefined;
  if (!memberId) throw new Error(`this phone has not joined room ${roomId}`);
  return memberId;
}

/** What Redis, the only truth, holds for a room, decoded by the storage module. */
export type RoomTruth = RoomRecord;

/** Reads a room straight from the e2e stack's Redis (E2E_REDIS_URL, set by the global setup). */
export async function readRoomTruth(roomId: string): Promise<RoomTruth> {
  const redis = createRedis(process.env.E2E_REDIS_URL ?? '');
  await redis.connect();
  try {
    const record = await readRoomRecord(redis, roomId);
    if (!record) throw new Error(`room ${roomId} is not in Redis`);
    return record;
  } finally {
    await redis.close();
  }
}

/** The picks a phone keeps for sending, as its page saved them (what a reload finds): dish id → pick. */
export async function savedPicks(
  page: Page,
  roomId: string,
): Promise<Record<string, { opId: string; qty: number }>> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), outboxKey(roomId));
  const storage = memoryStorage();
  if (raw) storage.setItem(outboxKey(roomId), raw);
  const picks: Record<string, { opId: string; qty: number }> = {};
  for (const { opId, change } of Object.values(new MemberSession(storage, roomId).loadOutbox()))
    if (change.type === 'pick.set') picks[change.dishId] = { opId, qty: change.qty };
  return picks;
}
