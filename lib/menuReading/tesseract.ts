// Runs the real Tesseract engine (Debian's tesseract-ocr) as a child process: the CPU work happens
// outside Node, so the server's event loop stays free while a photo is read.
import { spawn } from 'node:child_process';
import { PhotoError } from './errors';
import { LANGUAGE_FOR_SCRIPT, type MenuLanguageCode, type Script } from './languages';

/**
 * Page segmentation mode 11 (sparse text): on the benchmark corpus it finds 97 % of the dishes on
 * clean photos against 85–86 % for psm 3 and 4, which drop a price column standing far from its
 * names, and 88 % for psm 6, which merges the rows of two columns. The parser pairs the scattered
 * lines again by their boxes. See bench/ocr/README.md.
 */
export const DEFAULT_PSM = 11;
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RecognizeOptions {
  /** Tesseract models joined with '+', e.g. "kor" or "jpn+eng". */
  models: string;
  psm?: number;
  /** Only these characters may be recognised (Tesseract's tessedit_char_whitelist). */
  allowedCharacters?: string;
  /**
   * Binarise with a local threshold (Sauvola) instead of one for the whole page (Otsu): for dim,
   * grainy photos (OcrImage.dim). On the benchmark's 18 low-light photos it found 251 dishes
   * where Otsu found 222; on the other photos it found fewer, so it is used on dim ones only.
   */
  localThreshold?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Reads an image (any format leptonica reads; we send PGM) and returns Tesseract's TSV output. */
export function recognize(image: Buffer, options: RecognizeOptions): Promise<string> {
  const only = options.allowedCharacters
    ? ['-c', `tessedit_char_whitelist=${options.allowedCharacters}`]
    : [];
  const threshold = options.localThreshold ? ['-c', 'thresholding_method=2'] : [];
  return runTesseract(
    image,
    [
      '-l',
      options.models,
      '--psm',
      String(options.psm ?? DEFAULT_PSM),
      // Tesseract reads every line it is unsure of a second time inverted (light on dark), which
      // the OCR image never is: preparePhoto divides by the paper, so ink is dark on white. Not
      // doing so took a blurred Chinese page from 3.0 to 1.9 s (bench/ocr/README.md).
      '-c',
      'tessedit_do_invert=0',
      ...only,
      ...threshold,
      'tsv',
    ],
    options,
  );
}

export interface ScriptGuess {
  script: Script | null;
  /** Tesseract's own script name, e.g. "Hangul", "Han", "Latin". */
  tesseractScript: string | null;
  confidence: number;
  language: MenuLanguageCode | null;
}

const TESSERACT_SCRIPTS: Record<string, Script> = {
  Hangul: 'hangul',
  Korean: 'hangul',
  Japanese: 'japanese',
  Katakana: 'japanese',
  Hiragana: 'japanese',
  Han: 'han',
  Thai: 'thai',
  Latin: 'latin',
};

/**
 * Guesses the writing system with Tesseract's orientation and script detection (psm 0, ~0.5 s).
 * On the prepared (flattened, levelled) image it was right on all 56 benchmark photos; on raw
 * photos it took blurred Thai for Arabic. It cannot tell one Latin-script language from another:
 * the host confirms the language in the review step.
 */
export async function detectScript(
  image: Buffer,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ScriptGuess> {
  const output = await runTesseract(image, ['--psm', '0', '-l', 'osd'], options).catch((error: unknown) => {
    // Tesseract exits with an error when it finds too few characters to decide: that is "no guess".
    if (error instanceof PhotoError && error.code === 'timeout') throw error;
    return '';
  });
  const name = /^Script: (\S+)/m.exec(output)?.[1] ?? null;
  const confidence = Number(/^Script confidence: ([\d.]+)/m.exec(output)?.[1] ?? 0);
  const script = name ? (TESSERACT_SCRIPTS[name] ?? null) : null;
  return { script, tesseractScript: name, confidence, language: script ? LANGUAGE_FOR_SCRIPT[script] : null };
}

function runTesseract(
  image: Buffer,
  args: string[],
  { timeoutMs = DEFAULT_TIMEOUT_MS, signal }: { timeoutMs?: number; signal?: AbortSignal },
): Promise<string> {
  return new Promise((resolve, reject) => {
    // One thread per process: measured faster per photo than OpenMP's two threads on a 2-core
    // machine, and the queue decides how many run at once.
    const child = spawn('tesseract', ['stdin', 'stdout', ...args], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    let failure: PhotoError | null = null;
    const stop = (error: PhotoError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new PhotoError('timeout', `Reading the photo took longer than ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
    const onAbort = () => stop(new PhotoError('timeout', 'Reading the photo was cancelled.'));
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    // EPIPE when Tesseract exits before reading all of stdin; the exit code reports the real problem.
    child.stdin.on('error', () => {});
    child.on('error', (error) =>
      stop(new PhotoError('unavailable', 'Text recognition is not installed.', { cause: error })),
    );
    child.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else if (code !== 0)
        reject(new PhotoError('internal', `Tesseract failed (exit ${code}): ${stderr.trim()}`));
      else resolve(Buffer.concat(stdout).toString('utf8'));
    });
    child.stdin.end(image);
  });
}
