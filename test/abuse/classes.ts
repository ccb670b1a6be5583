// Every abuse class, in the order they run: the cheap and quiet ones first, the floods and the
// photo uploads (which keep the web tier busy reading) last.
import { connectionsClass } from './cases/connections';
import { fillClass } from './cases/fill';
import { floodsClass } from './cases/floods';
import { framesClass } from './cases/frames';
import { identityClass } from './cases/identity';
import { noisyNeighbourClass } from './cases/noisyNeighbour';
import { payloadsClass } from './cases/payloads';
import { uploadsClass } from './cases/uploads';
import { crossSiteClass, joinCodesClass, roomCreationClass } from './cases/web';
import type { ClassRun } from './runner';
import type { World } from './world';

export type AbuseClass = (w: World, run: ClassRun) => Promise<void>;

export const ABUSE_CLASSES: Record<string, AbuseClass> = {
  frames: framesClass,
  payloads: payloadsClass,
  identity: identityClass,
  'cross-site': crossSiteClass,
  'join-codes': joinCodesClass,
  'room-creation': roomCreationClass,
  fill: fillClass,
  floods: floodsClass,
  connections: connectionsClass,
  'noisy-neighbour': noisyNeighbourClass,
  uploads: uploadsClass,
};
