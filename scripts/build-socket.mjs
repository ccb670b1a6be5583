// Bundles a socket replica (server/src and the lib/ modules it imports) with its npm packages into
// one ESM file, so the socket image needs no node_modules: no Next, React or sharp can reach it
// (test/infra/socketBundle.unit.test.ts builds it with these options and checks its inputs).
import { argv } from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** @type {import('esbuild').BuildOptions} */
export const socketBuildOptions = {
  entryPoints: ['server/src/index.ts'],
  outfile: 'server/dist/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Optional native speed-ups of ws that are not installed; ws falls back to JavaScript without them.
  external: ['bufferutil', 'utf-8-validate'],
  // CommonJS packages inside an ESM bundle still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
};

if (argv[1] === fileURLToPath(import.meta.url)) await build(socketBuildOptions);
