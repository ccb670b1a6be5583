// Debian's Chromium, never a downloaded browser. The networking flags keep it from calling home,
// which this closed network refuses (and which would only slow the tests down).
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
