import { describe, expect, it } from 'vitest';
import type { PhotoJob } from '../protocol';
import { LOST_JOB_MS, reportLost } from './photos';

const job = (patch: Partial<PhotoJob>): PhotoJob => ({
  id: 'job1',
  status: 'queued',
  position: 2,
  progress: 0,
  ...patch,
});

describe('reportLost', () => {
  it('reports a waiting or running job that its process stopped refreshing as failed', () => {
    const now = 1_000_000;
    expect(reportLost(job({ updatedAt: now - LOST_JOB_MS - 1 }), now)).toMatchObject({
      status: 'failed',
      error: { code: 'unavailable' },
    });
    expect(reportLost(job({ status: 'reading', updatedAt: now - LOST_JOB_MS - 1 }), now).status).toBe(
      'failed',
    );
  });

  it('leaves fresh, finished and old-format jobs alone', () => {
    const now = 1_000_000;
    expect(reportLost(job({ updatedAt: now - 1_000 }), now).status).toBe('queued');
    expect(reportLost(job({ status: 'done', updatedAt: 0 }), now).status).toBe('done');
    expect(reportLost(job({}), now).status).toBe('queued');
  });
});
