import { readPngHeader, SIGNATURE_MAX_PIXELS } from '@porchlight/core';

/**
 * Looks at the pixels of a drawn signature: a PNG whose pixels are all the same (a blank pad,
 * a white or transparent image) or nearly so is not a signature. Decodes the PNG with the web
 * platform's DecompressionStream (any runtime), undoes the scanline filters, takes the most
 * common colour as the background and counts the pixels that differ from it ("ink").
 */

/** The least ink a signature has, in pixels, and the least extent of its ink (width or height). */
export const MIN_INK_PIXELS = 50;
export const MIN_INK_EXTENT = 20;

export interface SignatureInk {
  width: number;
  height: number;
  inkPixels: number;
  /** The ink's bounding box. */
  box: { left: number; top: number; right: number; bottom: number } | null;
}

/** Channels per colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA) and the bit depths each allows. */
const CHANNELS: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

/** A reason the image cannot be read, for the signer. */
export class SignatureImageError extends Error {}

async function inflate(data: Uint8Array, expected: number): Promise<Uint8Array> {
  const out = new Uint8Array(expected);
  let length = 0;
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // More data than the image can hold: stop reading (a "zip bomb" never gets inflated in full).
      if (length + value.length > expected) throw new SignatureImageError('The signature image holds more data than its size says.');
      out.set(value, length);
      length += value.length;
    }
  } catch (error) {
    if (error instanceof SignatureImageError) throw error;
    throw new SignatureImageError('The signature image data is damaged.');
  } finally {
    reader.releaseLock();
    stream.cancel().catch(() => undefined);
  }
  if (length !== expected) throw new SignatureImageError('The signature image data is incomplete.');
  return out;
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Reads the PNG's pixels and measures its ink. Throws SignatureImageError when it cannot be read. */
export async function measureInk(bytes: Uint8Array): Promise<SignatureInk> {
  const header = readPngHeader(bytes);
  if (!header) throw new SignatureImageError('The signature is not a PNG image.');
  const { width, height, bitDepth, colorType, interlace } = header;
  const kind = CHANNELS[colorType];
  if (!kind || !kind.depths.includes(bitDepth)) throw new SignatureImageError('The signature PNG has a colour type or bit depth that is not allowed.');
  if (interlace !== 0) throw new SignatureImageError('Send the signature as a non-interlaced PNG.');
  if (width === 0 || height === 0 || width * height > SIGNATURE_MAX_PIXELS) throw new SignatureImageError('The signature image is too large.');

  // The chunks: IDAT data joined, tRNS (a transparent colour or palette alphas) noted.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let idatLength = 0;
  let ended = false;
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (at + 12 + length > bytes.length) throw new SignatureImageError('The signature image is cut short.');
    if (type === 'IDAT') {
      idat.push(bytes.subarray(at + 8, at + 8 + length));
      idatLength += length;
    }
    at += 12 + length;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended || idatLength === 0) throw new SignatureImageError('The signature image is cut short.');
  const compressed = new Uint8Array(idatLength);
  let offset = 0;
  for (const part of idat) {
    compressed.set(part, offset);
    offset += part.length;
  }

  const bitsPerPixel = kind.channels * bitDepth;
  const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
  const step = Math.max(1, bitsPerPixel >> 3);
  const raw = await inflate(compressed, height * (rowBytes + 1));

  // Undo the filters in place, row by row; then read each pixel as a number (8 bits a channel).
  const pixels = new Uint32Array(width * height);
  let previous: Uint8Array = new Uint8Array(rowBytes);
  for (let y = 0; y < height; y++) {
    const start = y * (rowBytes + 1);
    const filter = raw[start]!;
    const row = raw.subarray(start + 1, start + 1 + rowBytes);
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= step ? row[i - step]! : 0;
      const up = previous[i]!;
      const upLeft = i >= step ? previous[i - step]! : 0;
      switch (filter) {
        case 0:
          break;
        case 1:
          row[i] = (row[i]! + left) & 0xff;
          break;
        case 2:
          row[i] = (row[i]! + up) & 0xff;
          break;
        case 3:
          row[i] = (row[i]! + ((left + up) >> 1)) & 0xff;
          break;
        case 4:
          row[i] = (row[i]! + paeth(left, up, upLeft)) & 0xff;
          break;
        default:
          throw new SignatureImageError('The signature image data is damaged.');
      }
    }
    for (let x = 0; x < width; x++) pixels[y * width + x] = pixelKey(row, x, bitDepth, colorType);
    previous = row;
  }

  // The background is the most common colour; ink is everything else.
  const counts = new Map<number, number>();
  for (const p of pixels) counts.set(p, (counts.get(p) ?? 0) + 1);
  let background = 0;
  let most = -1;
  for (const [key, n] of counts) {
    if (n > most) {
      most = n;
      background = key;
    }
  }
  let inkPixels = 0;
  let box: SignatureInk['box'] = null;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[y * width + x] === background) continue;
      inkPixels++;
      if (!box) box = { left: x, top: y, right: x, bottom: y };
      else {
        if (x < box.left) box.left = x;
        if (x > box.right) box.right = x;
        if (y > box.bottom) box.bottom = y;
      }
    }
  }
  return { width, height, inkPixels, box };
}

/** One pixel as a number: 8 bits per channel (16-bit samples keep their high byte); fully transparent pixels are all 0. */
function pixelKey(row: Uint8Array, x: number, depth: number, colorType: number): number {
  if (depth < 8) {
    // Grey or palette with 1, 2 or 4 bits a pixel.
    const perByte = 8 / depth;
    const byte = row[Math.floor(x / perByte)]!;
    const shift = 8 - depth * ((x % perByte) + 1);
    return (byte >> shift) & ((1 << depth) - 1);
  }
  const bytesPerSample = depth / 8;
  const channels = CHANNELS[colorType]!.channels;
  const base = x * channels * bytesPerSample;
  const sample = (c: number) => row[base + c * bytesPerSample]!;
  switch (colorType) {
    case 0:
    case 3:
      return sample(0);
    case 2:
      return ((sample(0) << 16) | (sample(1) << 8) | sample(2)) >>> 0;
    case 4: {
      const a = sample(1);
      return a === 0 ? 0 : ((sample(0) << 16) | (sample(0) << 8) | sample(0) | (a << 24)) >>> 0;
    }
    default: {
      const a = sample(3);
      return a === 0 ? 0 : ((sample(0) << 16) | (sample(1) << 8) | sample(2) | (a << 24)) >>> 0;
    }
  }
}

/** Why this image is not a signature, or null when it is one. */
export function blankReason(ink: SignatureInk): string | null {
  if (!ink.box || ink.inkPixels < MIN_INK_PIXELS) return 'The signature is blank. Draw your signature.';
  const extent = Math.max(ink.box.right - ink.box.left + 1, ink.box.bottom - ink.box.top + 1);
  if (extent < MIN_INK_EXTENT) return 'The signature is too small. Draw your signature across the pad.';
  return null;
}
