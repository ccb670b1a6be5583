// The coordinator's side of the phone workers (phoneWorker.ts): forks them, splits whole rooms among
// them, sends a request to all and waits for every answer.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PhoneSpec } from './phone';
import type { BackReply, StatusReply, StepReply, WorkerRequest } from './phoneWorker';

const WORKER = fileURLToPath(new URL('./phoneWorker.ts', import.meta.url));

export class PhoneWorkers {
  private constructor(readonly children: ChildProcess[]) {}

  static start(count: number): PhoneWorkers {
    const children = Array.from({ length: count }, () =>
      fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    return new PhoneWorkers(children);
  }

  get pids(): number[] {
    return this.children.map((child) => child.pid ?? 0);
  }

  private ask<T>(child: ChildProcess, request: WorkerRequest, answer: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`phone worker ${child.pid}: no '${answer}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: { type: string; message?: string }) => {
        if (message.type === 'error') {
          cleanup();
          reject(new Error(`phone worker ${child.pid}: ${message.message}`));
        } else if (message.type === answer) {
          cleanup();
          resolve(message as T);
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`phone worker ${child.pid} exited (${code})`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request);
    });
  }

  /** Every phone of a room goes to the same worker (one clock for a pick and its arrivals). */
  async open(
    url: string,
    phones: PhoneSpec[],
    dishIds: string[],
    connectPerSecond: number,
  ): Promise<(StatusReply & { openMs: number })[]> {
    const share = (i: number) => phones.filter((phone) => phone.roomIndex % this.children.length === i);
    return Promise.all(
      this.children.map((child, i) =>
        this.ask<StatusReply & { openMs: number }>(
          child,
          {
            type: 'open',
            url,
            phones: share(i),
            dishIds,
            connectPerSecond: connectPerSecond / this.children.length,
          },
          'opened',
          30 * 60_000,
        ),
      ),
    );
  }

  step(rate: number, durationMs: number, drainMs: number): Promise<StepReply[]> {
    const each = rate / this.children.length;
    return Promise.all(
      this.children.map((child) =>
        this.ask<StepReply>(
          child,
          { type: 'step', rate: each, durationMs, drainMs },
          'stepDone',
          durationMs + drainMs + 120_000,
        ),
      ),
    );
  }

  status(): Promise<StatusReply[]> {
    return Promise.all(
      this.children.map((child) => this.ask<StatusReply>(child, { type: 'status' }, 'status', 60_000)),
    );
  }

  async mark(): Promise<void> {
    await Promise.all(this.children.map((child) => this.ask(child, { type: 'mark' }, 'marked', 60_000)));
  }

  back(replicaId: string): Promise<BackReply[]> {
    return Promise.all(
      this.children.map((child) => this.ask<BackReply>(child, { type: 'back', replicaId }, 'back', 60_000)),
    );
  }

  async close(): Promise<void> {
    await Promise.allSettled(
      this.children.map((child) => this.ask(child, { type: 'close' }, 'closed', 30_000)),
    );
    for (const child of this.children) if (child.exitCode === null) child.kill('SIGKILL');
  }
}
