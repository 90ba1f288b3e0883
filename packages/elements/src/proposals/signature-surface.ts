import SignaturePad, { type PointGroup } from 'signature_pad';
import { SIGNATURE_MAX_PIXELS, SIGNATURE_MAX_SIDE, SIGNATURE_MIN_HEIGHT, SIGNATURE_MIN_WIDTH, SIGNATURE_PNG_MAX_BYTES } from '@porchlight/client';

/** What was drawn: strokes with at least one point, and all their points. */
export interface SignatureCounts {
  strokes: number;
  points: number;
}

/** The longest side of the image sent (device pixels): plenty for the certificate, well under the limits. */
const EXPORT_MAX_SIDE = Math.min(1600, SIGNATURE_MAX_SIDE);
const DATA_URL_PREFIX = 'data:image/png;base64,';

export function countSignature(groups: readonly PointGroup[]): SignatureCounts {
  let strokes = 0;
  let points = 0;
  for (const g of groups) {
    if (!g.points.length) continue;
    strokes++;
    points += g.points.length;
  }
  return { strokes, points };
}

/** The box around every point (CSS pixels of the pad), or null when nothing was drawn. */
export function signatureBounds(groups: readonly PointGroup[]): { left: number; top: number; right: number; bottom: number } | null {
  let box: { left: number; top: number; right: number; bottom: number } | null = null;
  for (const g of groups) {
    for (const p of g.points) {
      if (!box) box = { left: p.x, top: p.y, right: p.x, bottom: p.y };
      else {
        box.left = Math.min(box.left, p.x);
        box.top = Math.min(box.top, p.y);
        box.right = Math.max(box.right, p.x);
        box.bottom = Math.max(box.bottom, p.y);
      }
    }
  }
  return box;
}

/** The larger of the signature's width and height, in CSS pixels (0 when blank). */
export function signatureExtent(groups: readonly PointGroup[]): number {
  const b = signatureBounds(groups);
  return b ? Math.max(b.right - b.left, b.bottom - b.top) : 0;
}

/** Decoded bytes of a base64 data URL. */
export function dataUrlBytes(url: string): number {
  const b64 = url.slice(url.indexOf(',') + 1);
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

/**
 * A signature pad (signature_pad) on a canvas: mouse, pen and touch through pointer events, the
 * canvas's pixels sized to its box times devicePixelRatio, and the drawing redrawn from its
 * data when the box changes size (a phone turned, a sidebar narrowed). The canvas itself has no
 * border or padding, so pointer positions and pixels line up.
 */
export class SignatureSurface {
  readonly pad: SignaturePad;
  private readonly observer: ResizeObserver;
  private cssWidth = 0;
  private cssHeight = 0;
  private ratio = 1;

  constructor(
    readonly canvas: HTMLCanvasElement,
    onChange: () => void,
  ) {
    // The ink takes the canvas's CSS colour (a token), read once it is styled.
    const ink = getComputedStyle(canvas).color || '#1c2430';
    this.pad = new SignaturePad(canvas, { penColor: ink, minWidth: 0.8, maxWidth: 2.8, backgroundColor: 'rgba(0,0,0,0)' });
    this.pad.addEventListener('endStroke', onChange);
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(canvas);
    this.resize();
  }

  get counts(): SignatureCounts {
    return countSignature(this.pad.toData());
  }

  get extent(): number {
    return signatureExtent(this.pad.toData());
  }

  /**
   * Fits the canvas's pixels to its box; what was drawn is drawn again, scaled with the box's
   * width both ways, so a passing resize (a rotated phone, a narrowed window, a full-page
   * screenshot) gives the same signature back once the box has its old size again.
   */
  resize(): void {
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (!width || !height) return;
    const ratio = Math.max(1, window.devicePixelRatio || 1);
    if (width === this.cssWidth && height === this.cssHeight && ratio === this.ratio) return;
    const scale = this.cssWidth ? width / this.cssWidth : 1;
    const data = this.pad.toData().map((g) => (scale === 1 ? g : { ...g, points: g.points.map((p) => ({ ...p, x: p.x * scale, y: p.y * scale })) }));
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.getContext('2d')?.scale(ratio, ratio);
    this.cssWidth = width;
    this.cssHeight = height;
    this.ratio = ratio;
    this.pad.fromData(data);
  }

  clear(): void {
    this.pad.clear();
  }

  /**
   * The signature as a PNG data URL: trimmed to the ink (with a margin), at most EXPORT_MAX_SIDE
   * pixels a side and SIGNATURE_MAX_PIXELS in all, at least SIGNATURE_MIN_WIDTH ×
   * SIGNATURE_MIN_HEIGHT, transparent around the ink, and made smaller until it is at most
   * SIGNATURE_PNG_MAX_BYTES.
   */
  toPng(): string {
    const box = signatureBounds(this.pad.toData());
    const r = this.ratio;
    const margin = Math.ceil(this.pad.maxWidth) + 6;
    const left = box ? Math.max(0, Math.floor(box.left - margin)) : 0;
    const top = box ? Math.max(0, Math.floor(box.top - margin)) : 0;
    const right = box ? Math.min(this.cssWidth, Math.ceil(box.right + margin)) : this.cssWidth;
    const bottom = box ? Math.min(this.cssHeight, Math.ceil(box.bottom + margin)) : this.cssHeight;
    const sx = left * r;
    const sy = top * r;
    const sw = Math.max(1, (right - left) * r);
    const sh = Math.max(1, (bottom - top) * r);
    let scale = Math.min(1, EXPORT_MAX_SIDE / sw, EXPORT_MAX_SIDE / sh, Math.sqrt(SIGNATURE_MAX_PIXELS / (sw * sh)));
    let url = '';
    for (let attempt = 0; attempt < 6; attempt++) {
      const dw = sw * scale;
      const dh = sh * scale;
      const out = document.createElement('canvas');
      out.width = Math.max(SIGNATURE_MIN_WIDTH, Math.round(dw));
      out.height = Math.max(SIGNATURE_MIN_HEIGHT, Math.round(dh));
      out.getContext('2d')!.drawImage(this.canvas, sx, sy, sw, sh, (out.width - dw) / 2, (out.height - dh) / 2, dw, dh);
      url = out.toDataURL('image/png');
      if (url.startsWith(DATA_URL_PREFIX) && dataUrlBytes(url) <= SIGNATURE_PNG_MAX_BYTES) break;
      scale *= 0.7;
    }
    return url;
  }

  destroy(): void {
    this.observer.disconnect();
    this.pad.off();
  }
}
