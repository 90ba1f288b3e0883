export interface RenderedPage {
  /** The page as a PNG. */
  png: Buffer;
  width: number;
  height: number;
  /** The page's text as pdf.js extracts it (items joined by spaces). */
  text: string;
  /** Share of pixels that are not (near) white, 0..1. */
  ink: number;
}

/** Every page of the PDF rendered by pdf.js in the system Chromium, at `scale` (1 = 72 dpi; default 1.5). */
export function renderPdf(bytes: Uint8Array, options?: { scale?: number }): Promise<{ pages: RenderedPage[] }>;

/** Every page of the PDF as a PNG. */
export function renderPdfToPngs(bytes: Uint8Array, options?: { scale?: number }): Promise<Buffer[]>;
