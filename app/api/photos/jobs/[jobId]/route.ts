import { crossSiteRefusal } from '@/lib/server/crossSite';
import { errorResponse } from '@/lib/server/http';
import { webRedis } from '@/lib/server/webRedis';
import { loadJob } from '@/lib/storage/photos';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Where a photo-reading job is: queue position, progress, then the dishes read or a clear error. */
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const refusal = crossSiteRefusal(request);
  if (refusal) return refusal;
  const { jobId } = await params;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(jobId)) return errorResponse('not_found', 'No such job.');
  const job = await loadJob(await webRedis(), jobId).catch(() => undefined);
  if (job === undefined) return errorResponse('unavailable', 'Try again in a moment.');
  if (!job) return errorResponse('not_found', 'This upload has expired; upload the photo again.');
  return Response.json(job, { headers: { 'cache-control': 'no-store' } });
}
