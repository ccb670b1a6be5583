// The socket replica ships as one bundle: it must not pull in the web tier (Next, React), the photo
// reader (sharp, Tesseract jobs) or anything else of the Next app.
import { type BuildOptions, build } from 'esbuild';
import { expect, it } from 'vitest';
import { socketBuildOptions } from '../../scripts/build-socket.mjs';

it('bundles the socket server without Next, React, sharp or the photo reader', async () => {
  const result = await build({
    ...(socketBuildOptions as BuildOptions),
    write: false,
    metafile: true,
    sourcemap: false,
  });
  const inputs = Object.keys(result.metafile.inputs);
  const packages = new Set(
    inputs
      .filter((input) => input.includes('node_modules/'))
      .map((input) => {
        const path = input.split('node_modules/').at(-1) ?? '';
        return path
          .split('/')
          .slice(0, path.startsWith('@') ? 2 : 1)
          .join('/');
      }),
  );
  expect(packages).toContain('socket.io');
  expect(packages).toContain('@socket.io/redis-adapter');
  expect(packages).toContain('redis');
  for (const forbidden of ['next', 'react', 'react-dom', 'sharp', 'zustand', 'qrcode', 'socket.io-client'])
    expect(packages, forbidden).not.toContain(forbidden);
  const ownFiles = inputs.filter((input) => !input.includes('node_modules/'));
  // lib/publicAccess.ts: the Origin/Host and client-address rules, shared with the web tier.
  for (const file of ownFiles)
    expect(file).toMatch(
      /^(server\/src|lib\/(protocol|protocolValues|money|log|publicAccess)\.ts|lib\/storage\/)/,
    );
  expect(
    ownFiles.some((file) => file.startsWith('lib/menuReading') || file.startsWith('lib/photoJobs')),
  ).toBe(false);
}, 30_000);
