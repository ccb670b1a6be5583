import { redisIsReady } from '@/lib/server/webRedis';

export const dynamic = 'force-dynamic';

/** Readiness of the web tier: it can create rooms only while Redis answers. */
export async function GET(): Promise<Response> {
  const ready = await redisIsReady();
  return Response.json({ ready }, { status: ready ? 200 : 503 });
}
