// Child processes of a stack: each runs in its own process group (detached), so one signal reaches
// the process and everything it forked (nginx workers), and a terminal Ctrl-C reaches only the
// launcher, which then stops the children in order.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True once it has exited. */
  readonly hasExited: () => boolean;
  /** Set before any deliberate stop, so the exit is not reported as a crash. */
  expectExit: boolean;
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  onUnexpectedExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
}

export function spawnLogged(name: string, command: string, args: string[], options: SpawnOptions) {
  // The log file is appended to, so a restarted process keeps its earlier lines.
  const fd = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`could not start ${name}: ${command} ${args.join(' ')}`);
  let done = false;
  const proc: ManagedProcess = {
    name,
    pid: child.pid,
    logFile: options.logFile,
    child,
    expectExit: false,
    hasExited: () => done,
    exited: new Promise((resolve) => {
      child.once('error', () => {
        done = true;
        resolve({ code: null, signal: null });
      });
      child.once('exit', (code, signal) => {
        done = true;
        if (!proc.expectExit) options.onUnexpectedExit?.(name, code, signal);
        resolve({ code, signal });
      });
    }),
  };
  return proc;
}

/** Signals the whole process group; a group that is already gone is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Stops a process: `signal` (SIGTERM by default; SIGCONT follows so a SIGSTOPped process can act on
 * it), then SIGKILL for the group after `graceMs`, and always a final SIGKILL for stray group members.
 */
export async function stopProcess(proc: ManagedProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000) {
  proc.expectExit = true;
  if (!proc.hasExited()) {
    signalGroup(proc.pid, signal);
    if (signal !== 'SIGKILL') signalGroup(proc.pid, 'SIGCONT');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
    if ((await Promise.race([proc.exited, timer])) === 'timeout') signalGroup(proc.pid, 'SIGKILL');
    await proc.exited;
  }
  signalGroup(proc.pid, 'SIGKILL');
}

export function tailOf(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// --- Leftovers of launchers that died without cleaning up (kill -9, crash) -------------------------
// Each run dir holds pids.json: the launcher and its children, each with its kernel start time so a
// recycled pid is never mistaken for ours.

interface PidEntry {
  name: string;
  pid: number;
  startTime: string;
}
interface PidFile {
  owner: PidEntry;
  processes: PidEntry[];
}

function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, starttime is field 22. A zombie is already dead.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' || fields[0] === 'X' ? null : (fields[19] ?? null);
  } catch {
    return null;
  }
}

const isAlive = (entry: PidEntry) => startTimeOf(entry.pid) === entry.startTime;

export function pidEntry(name: string, pid: number): PidEntry {
  return { name, pid, startTime: startTimeOf(pid) ?? '' };
}

export function writePidFile(runDir: string, processes: ManagedProcess[]): void {
  const file: PidFile = {
    owner: pidEntry('launcher', process.pid),
    processes: processes.map((p) => pidEntry(p.name, p.pid)),
  };
  writeFileSync(join(runDir, 'pids.json'), `${JSON.stringify(file, null, 2)}\n`);
}

/** Kills the process groups recorded in `<runsDir>/<any>/pids.json` whose launcher is gone. */
export function killOrphans(runsDir: string): string[] {
  if (!existsSync(runsDir)) return [];
  const killed: string[] = [];
  for (const dir of readdirSync(runsDir)) {
    let file: PidFile;
    try {
      file = JSON.parse(readFileSync(join(runsDir, dir, 'pids.json'), 'utf8')) as PidFile;
    } catch {
      continue;
    }
    if (isAlive(file.owner)) continue;
    for (const entry of file.processes.filter(isAlive)) {
      signalGroup(entry.pid, 'SIGKILL');
      killed.push(`${dir}/${entry.name} (pid ${entry.pid})`);
    }
  }
  return killed;
}
