// After `next build` (output: 'standalone'): the standalone server serves .next/static and public/
// only from inside .next/standalone, and Next does not copy them there (see Next's `output` docs).
import { cpSync, existsSync, rmSync } from 'node:fs';

const target = '.next/standalone';
if (!existsSync(`${target}/server.js`))
  throw new Error(`${target}/server.js is missing: did next build run?`);
rmSync(`${target}/.next/static`, { recursive: true, force: true });
cpSync('.next/static', `${target}/.next/static`, { recursive: true });
if (existsSync('public')) {
  rmSync(`${target}/public`, { recursive: true, force: true });
  cpSync('public', `${target}/public`, { recursive: true });
}
