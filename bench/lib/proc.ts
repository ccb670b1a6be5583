// CPU and memory of processes from /proc (Linux): what each process of the stack and the driver
// spent during a measured step, read from outside so the measured code is unchanged.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export interface ProcSample {
  /** User + system CPU time so far, ms. */
  cpuMs: number;
  rssBytes: number;
  /** Open file descriptors (a socket is one). */
  fds: number;
}

/** Fields after the command name of /proc/<pid>/stat (the name may contain spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The process and its direct children (nginx's workers), summed; null when it is gone. */
export function sampleProcess(pid: number, withChildren = false): ProcSample | null {
  const pids = withChildren ? [pid, ...childrenOf(pid)] : [pid];
  let found = false;
  const total: ProcSample = { cpuMs: 0, rssBytes: 0, fds: 0 };
  for (const one of pids) {
    const fields = statFields(one);
    if (!fields) continue;
    found = true;
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name; rss (pages) is 24 → 22.
    total.cpuMs += ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    total.rssBytes += Number(fields[21]) * 4096;
    try {
      total.fds += readdirSync(`/proc/${one}/fd`).length;
    } catch {}
  }
  return found ? total : null;
}

export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    // ppid is field 4 of stat, 2 after the name.
    if (fields && Number(fields[1]) === pid) children.push(Number(entry));
  }
  return children;
}

/** CPU use between two samples, in % of one core. */
export function cpuPercent(before: ProcSample | null, after: ProcSample | null, elapsedMs: number): number {
  if (!before || !after || elapsedMs <= 0) return 0;
  return Math.round(((after.cpuMs - before.cpuMs) / elapsedMs) * 1000) / 10;
}
