import { loadJob } from '@/lib/menuPhoto/photoStore';
import { redis } from '@/lib/server/roomStore';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Where a photo-reading job is: queue position, progress, then the dishes read or a clear error. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(jobId)) {
    return Response.json({ error: { code: 'not_found', message: 'No such job.' } }, { status: 404 });
  }
  const job = await loadJob(await redis(), jobId).catch(() => undefined);
  if (job === undefined) {
    return Response.json(
      { error: { code: 'unavailable', message: 'Try again in a moment.' } },
      { status: 503 },
    );
  }
  if (!job) {
    return Response.json(
      { error: { code: 'not_found', message: 'This upload has expired; upload the photo again.' } },
      { status: 404 },
    );
  }
  return Response.json(job, { headers: { 'cache-control': 'no-store' } });
}
