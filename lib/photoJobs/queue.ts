// A first-in first-out queue that runs at most `concurrency` readings at once, in this process.
// Tesseract uses a whole core while it reads; with more readings than cores, each gets slower and
// the web server starves, so the rest wait in line and are told their place.
import { PhotoError } from '../menuReading/errors';

export interface QueueOptions {
  concurrency: number;
  /** Beyond this many waiting, new work is refused ("busy") rather than left to wait for minutes. */
  maxWaiting: number;
}

interface Entry {
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onPosition?: (position: number) => void;
}

export class OcrQueue {
  private running = 0;
  private readonly waiting: Entry[] = [];

  constructor(private readonly options: QueueOptions) {}

  /** How many tasks run and wait now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Runs `task` when a slot is free. `onPosition` hears the task's place in line whenever it
   * changes: 1 is next, 0 means it has started.
   */
  run<T>(task: () => Promise<T>, onPosition?: (position: number) => void): Promise<T> {
    if (this.running >= this.options.concurrency && this.waiting.length >= this.options.maxWaiting) {
      return Promise.reject(
        new PhotoError('busy', 'Many menus are being read right now. Try again in a minute.'),
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ task, resolve: resolve as (value: unknown) => void, reject, onPosition });
      this.pump();
      this.announcePositions();
    });
  }

  private pump(): void {
    while (this.running < this.options.concurrency) {
      const entry = this.waiting.shift();
      if (!entry) return;
      this.running++;
      entry.onPosition?.(0);
      // A task that throws synchronously must not stop the queue.
      Promise.resolve()
        .then(entry.task)
        .then(entry.resolve, entry.reject)
        .finally(() => {
          this.running--;
          this.pump();
          this.announcePositions();
        });
    }
  }

  private announcePositions(): void {
    for (const [index, entry] of this.waiting.entries()) entry.onPosition?.(index + 1);
  }
}
