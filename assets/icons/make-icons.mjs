#!/usr/bin/env node
// Draws the app icon (a dossier sheet with an upload arrow on a blue tile) at every size the
// installers want, from signed-distance shapes so each size is rendered sharp rather than scaled:
//   icon.png (1024), png/NxN.png (Linux), icon.ico (Windows, PNG entries), icon.icns (macOS).
// Run: node assets/icons/make-icons.mjs   (outputs are committed; rerun only to change the design)
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

// --- shapes in a 0..1 unit square; negative distance = inside -----------------------------------
const roundRect = (px, py, cx, cy, hw, hh, r) => {
  const qx = Math.abs(px - cx) - hw + r;
  const qy = Math.abs(py - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (px, py, cx, cy, r) => Math.hypot(px - cx, py - cy) - r;
const box = (px, py, x0, y0, x1, y1) => roundRect(px, py, (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2, 0);
// Half-plane below the line through a and b (for the sheet's folded corner and the arrow head).
const side = (px, py, ax, ay, bx, by) => ((bx - ax) * (py - ay) - (by - ay) * (px - ax)) / Math.hypot(bx - ax, by - ay);

const layers = [
  // tile: deep blue to a lighter blue, top to bottom
  { d: (x, y) => roundRect(x, y, 0.5, 0.5, 0.46, 0.46, 0.1), color: (_x, y) => mix([11, 61, 145], [21, 101, 192], y) },
  // dossier sheet with a cut corner
  { d: (x, y) => Math.max(roundRect(x, y, 0.43, 0.49, 0.2, 0.27, 0.03), -side(x, y, 0.53, 0.22, 0.63, 0.32)), color: () => [255, 255, 255] },
  // folded corner
  { d: (x, y) => Math.max(box(x, y, 0.53, 0.22, 0.63, 0.32), side(x, y, 0.53, 0.22, 0.63, 0.32)), color: () => [187, 208, 236] },
  // text lines on the sheet
  ...[0.4, 0.47, 0.54, 0.61].map((y0, i) => ({
    d: (x, y) => roundRect(x, y, i === 3 ? 0.37 : 0.42, y0, i === 3 ? 0.09 : 0.14, 0.012, 0.012),
    color: () => [120, 150, 200],
  })),
  // upload badge: teal disc with a white arrow
  { d: (x, y) => circle(x, y, 0.68, 0.7, 0.17), color: () => [20, 168, 150] },
  { d: (x, y) => circle(x, y, 0.68, 0.7, 0.17) + 0.012, color: () => [28, 190, 170] },
  {
    d: (x, y) =>
      Math.min(
        box(x, y, 0.655, 0.69, 0.705, 0.79),
        Math.max(-side(x, y, 0.6, 0.71, 0.68, 0.61), -side(x, y, 0.68, 0.61, 0.76, 0.71), y - 0.71),
      ),
    color: () => [255, 255, 255],
  },
];

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * Math.min(1, Math.max(0, t)));
}

function render(size) {
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let rgb = [0, 0, 0];
      let alpha = 0;
      const x = (i + 0.5) / size;
      const y = (j + 0.5) / size;
      for (const layer of layers) {
        // Coverage from the distance in pixels: one-pixel anti-aliased edge at every size.
        const cover = Math.min(1, Math.max(0, 0.5 - layer.d(x, y) * size));
        if (cover === 0) continue;
        const c = layer.color(x, y);
        rgb = mix(rgb, c, alpha === 0 ? 1 : cover);
        alpha = alpha + cover * (1 - alpha);
      }
      const o = (j * size + i) * 4;
      px[o] = Math.round(rgb[0]);
      px[o + 1] = Math.round(rgb[1]);
      px[o + 2] = Math.round(rgb[2]);
      px[o + 3] = Math.round(alpha * 255);
    }
  }
  return png(size, px);
}

// --- PNG ------------------------------------------------------------------------------------------
const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- ICO (PNG entries, Windows Vista and later) -----------------------------------------------------
function ico(entries) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  const dir = Buffer.alloc(16 * entries.length);
  let offset = 6 + dir.length;
  entries.forEach(({ size, data }, k) => {
    const o = k * 16;
    dir[o] = size >= 256 ? 0 : size;
    dir[o + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, o + 4); // planes
    dir.writeUInt16LE(32, o + 6); // bits per pixel
    dir.writeUInt32LE(data.length, o + 8);
    dir.writeUInt32LE(offset, o + 12);
    offset += data.length;
  });
  return Buffer.concat([header, dir, ...entries.map((e) => e.data)]);
}

// --- ICNS (PNG payloads) ----------------------------------------------------------------------------
function icns(entries) {
  const parts = entries.map(({ type, data }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const images = new Map(sizes.map((s) => [s, render(s)]));
mkdirSync(join(here, 'png'), { recursive: true });
writeFileSync(join(here, 'icon.png'), images.get(1024));
for (const s of sizes.filter((s) => s <= 512)) writeFileSync(join(here, 'png', `${s}x${s}.png`), images.get(s));
writeFileSync(join(here, 'icon.ico'), ico([256, 128, 64, 48, 32, 16].map((size) => ({ size, data: images.get(size) }))));
writeFileSync(
  join(here, 'icon.icns'),
  icns([
    { type: 'ic10', data: images.get(1024) },
    { type: 'ic09', data: images.get(512) },
    { type: 'ic08', data: images.get(256) },
    { type: 'ic07', data: images.get(128) },
    { type: 'icp5', data: images.get(32) },
    { type: 'icp4', data: images.get(16) },
  ]),
);
process.stdout.write(`Icons written to ${here}\n`);
