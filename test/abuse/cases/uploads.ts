// Menu photo uploads an attacker sends: files that lie about their type, an SVG dressed as HEIC, a
// decompression bomb (a small file with a huge pixel count, made with sharp), oversized and
// truncated files, and the reading queue filled from one address. Each is refused at the door with
// the code that says why; the queue keeps room for other addresses; the web tier's memory settles.
import sharp from 'sharp';
import {
  attackerAddress,
  http,
  httpErrorCode,
  type HttpAnswer,
  LEGIT,
  MiB,
  rssOf,
  sameOriginHeaders,
  sleep,
  stackPid,
} from '../harness';
import { type ClassRun, must } from '../runner';
import type { World } from '../world';

/** How far above its size before the uploads the web tier may stay once they are answered. */
export const WEB_RSS_HEADROOM_BYTES = 96 * MiB;

async function upload(
  w: World,
  from: string,
  files: { bytes: Uint8Array; name: string; type: string }[],
): Promise<HttpAnswer> {
  const form = new FormData();
  for (const file of files)
    form.append('photos', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  return http(`${w.h.stack.url}/api/photos`, {
    method: 'POST',
    from,
    headers: {
      ...sameOriginHeaders(w.h, encoded.headers.get('content-type') ?? ''),
      'content-length': String(body.length),
    },
    body,
    timeoutMs: 30_000,
  });
}

export async function uploadsClass(w: World, run: ClassRun): Promise<void> {
  const webPid = stackPid(w.h.stack, 'web');
  const webBefore = rssOf(webPid);
  const blank = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#f4efe4' } })
    .png()
    .toBuffer();
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } })
    .jpeg({ quality: 90 })
    .toBuffer();
  // 64 megapixels of one colour compress to a few kilobytes.
  const bomb = await sharp({ create: { width: 8_000, height: 8_000, channels: 3, background: '#fff' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  const heicBox = Buffer.from([
    0,
    0,
    0,
    0x18,
    ...Buffer.from('ftypheic'),
    0,
    0,
    0,
    0,
    ...Buffer.from('mif1heic'),
  ]);
  const oversizedJpeg = new Uint8Array(16 * MiB);
  oversizedJpeg.set([0xff, 0xd8, 0xff, 0xe0]);
  const overNginx = new Uint8Array(30 * MiB);
  overNginx.set([0xff, 0xd8, 0xff, 0xe0]);

  for (const [label, file, codes] of [
    [
      'text named menu.jpg',
      { bytes: Buffer.from('Bibimbap 9,000'), name: 'menu.jpg', type: 'image/jpeg' },
      ['unsupported_type'],
    ],
    ['an SVG named menu.png', { bytes: svg, name: 'menu.png', type: 'image/png' }, ['unsupported_type']],
    [
      'JPEG magic bytes then garbage',
      {
        bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 0x41)]),
        name: 'magic.jpg',
        type: 'image/jpeg',
      },
      ['unsupported_type', 'corrupt_image'],
    ],
    [
      'an SVG wrapped to look like HEIC',
      { bytes: Buffer.concat([heicBox, svg]), name: 'menu.heic', type: 'image/heic' },
      ['unsupported_type', 'corrupt_image'],
    ],
    [
      `a decompression bomb (${(bomb.length / 1024).toFixed(0)} KB, 64 megapixels)`,
      { bytes: bomb, name: 'bomb.png', type: 'image/png' },
      ['too_many_pixels'],
    ],
    [
      'a truncated JPEG',
      { bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)), name: 'cut.jpg', type: 'image/jpeg' },
      ['corrupt_image'],
    ],
    ['a 16 MB file', { bytes: oversizedJpeg, name: 'huge.jpg', type: 'image/jpeg' }, ['too_large']],
    ['a 30 MB upload', { bytes: overNginx, name: 'enormous.jpg', type: 'image/jpeg' }, ['too_large']],
  ] as const) {
    await run.case(`${label} is refused at the door`, async () => {
      const answer = await upload(w, attackerAddress(), [file]);
      const code = httpErrorCode(answer);
      must(
        answer.status >= 400 && answer.status < 500,
        `answered ${answer.status} ${answer.text.slice(0, 160)}`,
      );
      must(
        code !== null && (codes as readonly string[]).includes(code),
        `answered ${answer.status} ${answer.text.slice(0, 160)}`,
      );
    });
  }

  await run.case(
    'the reading queue filled from one address keeps room for another',
    async () => {
      const from = attackerAddress();
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          upload(w, from, [{ bytes: blank, name: `wall${i}.png`, type: 'image/png' }]),
        ),
      );
      const accepted = answers.filter((a) => a.status === 202).length;
      const refused = answers.filter((a) => a.status !== 202);
      run.note(`8 uploads from one address: ${accepted} accepted`);
      must(accepted < 8, 'every upload from one address was queued');
      must(
        refused.every((a) => (a.status === 429 || a.status === 503) && httpErrorCode(a) !== null),
        `unclear refusals: ${refused.map((a) => `${a.status} ${a.text.slice(0, 80)}`).join(' | ')}`,
      );
      const other = await upload(w, LEGIT.uploader, [
        { bytes: blank, name: 'real-menu.png', type: 'image/png' },
      ]);
      must(other.status === 202, `another address was refused: ${other.status} ${other.text.slice(0, 160)}`);
    },
    9,
  );

  await run.case('photos of no room are not served', async () => {
    const answer = await http(`${w.h.stack.url}/api/photos/nosuchphoto0000000`, { from: attackerAddress() });
    must(answer.status === 404 || answer.status === 403, `answered ${answer.status}`);
    must(httpErrorCode(answer) !== null, `no error body: ${answer.text.slice(0, 120)}`);
  });

  await run.case('the web tier comes back within its memory bound', async () => {
    const deadline = Date.now() + 8_000;
    let rss = rssOf(webPid);
    while (rss > webBefore + WEB_RSS_HEADROOM_BYTES && Date.now() < deadline) {
      await sleep(250);
      rss = rssOf(webPid);
    }
    run.note(`web RSS ${(webBefore / MiB).toFixed(0)} → ${(rss / MiB).toFixed(0)} MiB`);
    must(
      rss <= webBefore + WEB_RSS_HEADROOM_BYTES,
      `web RSS ${(rss / MiB).toFixed(0)} MiB, was ${(webBefore / MiB).toFixed(0)} MiB`,
    );
  });
}
