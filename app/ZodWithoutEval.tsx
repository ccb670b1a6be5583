'use client';
// zod 4 compiles object schemas with `new Function` when it may, and finds out whether it may by
// trying: under this app's Content-Security-Policy (no 'unsafe-eval', proxy.ts) every page would
// report a violation for the attempt. Told up front, zod validates without compiling. Imported by
// the root layout, so it runs before any client component parses anything.
import { z } from 'zod';

z.config({ jitless: true });

export function ZodWithoutEval(): null {
  return null;
}
