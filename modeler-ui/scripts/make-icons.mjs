// Draws the app's icons (public/icons/*.png) for the web app manifest: the favicon's white "F" on Flowdesk blue,
// as a rounded square ("any") and as a full-bleed square with the glyph inside the safe zone ("maskable": the
// launcher cuts its own shape out of it). Plain Node (zlib), no image library: `npm run icons` rewrites them.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const BLUE = [0x0d, 0x6e, 0xfd, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];
// The favicon's glyph in its 16×16 box: M4 4h8v2H6v2h5v2H6v2H4z
const GLYPH = [[4, 4, 12, 6], [4, 6, 6, 12], [6, 8, 11, 10]];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The glyph drawn in a box of `scale` (1 = the favicon's proportions) centred on the icon. */
function inGlyph(x, y, size, scale) {
  const unit = (size * scale) / 16;
  const offset = (size - 16 * unit) / 2;
  const gx = (x - offset) / unit;
  const gy = (y - offset) / unit;
  return GLYPH.some(([x1, y1, x2, y2]) => gx >= x1 && gx < x2 && gy >= y1 && gy < y2);
}

function rounded(size) {
  const radius = (size * 3) / 16;
  return (x, y) => {
    const cx = Math.min(Math.max(x, radius), size - radius);
    const cy = Math.min(Math.max(y, radius), size - radius);
    if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return CLEAR;
    return inGlyph(x, y, size, 1) ? WHITE : BLUE;
  };
}

// The maskable safe zone is the centre circle of 80 % diameter; the glyph (10×8 of 16) at 0.7 stays well inside.
const maskable = (size) => (x, y) => (inGlyph(x, y, size, 0.7) ? WHITE : BLUE);

const out = (name) => fileURLToPath(new URL(`../public/icons/${name}`, import.meta.url));
for (const size of [192, 512]) writeFileSync(out(`icon-${size}.png`), png(size, rounded(size)));
writeFileSync(out('icon-maskable-512.png'), png(512, maskable(512)));
writeFileSync(out('apple-touch-icon.png'), png(180, maskable(180)));
console.log('icons written to public/icons/');
