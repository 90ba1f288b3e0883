// Renders a PDF to pictures, for tests that want to see what a generated PDF looks like.
// Launches the system Chromium (CHROME_PATH, else /usr/bin/chromium) with playwright-core and
// runs pdf.js (pdfjs-dist, a devDependency) in a blank page of a made-up origin whose every
// request is answered from here (page.route): nothing is fetched from the network.
//
//   import { renderPdf, renderPdfToPngs } from '../../scripts/render-pdf.mjs';
//   const pngs = await renderPdfToPngs(bytes, { scale: 1.5 });            // Buffer[] (PNG), one per page
//   const { pages } = await renderPdf(bytes);                             // + text and ink per page
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PDFJS = join(root, 'node_modules', 'pdfjs-dist');
const ORIGIN = 'https://pdf-render.invalid';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

const TYPES = { '.mjs': 'text/javascript', '.pfb': 'application/octet-stream', '.ttf': 'font/ttf', '.bcmap': 'application/octet-stream' };

/**
 * @typedef {object} RenderedPage
 * @property {Buffer} png       the page as a PNG
 * @property {number} width     in pixels
 * @property {number} height    in pixels
 * @property {string} text      the page's text, as pdf.js extracts it (items joined by spaces)
 * @property {number} ink       share of pixels that are not (near) white, 0..1
 */

/**
 * Every page of `bytes` rendered at `scale` (1 = 72 dpi), with its text and how much of it is
 * not white.
 * @param {Uint8Array} bytes
 * @param {{ scale?: number }} [options]
 * @returns {Promise<{ pages: RenderedPage[] }>}
 */
export async function renderPdf(bytes, { scale = 1.5 } = {}) {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>render</title><body></body>' });
      if (path === '/document.pdf') return route.fulfill({ status: 200, contentType: 'application/pdf', body: Buffer.from(bytes) });
      // pdf.js and its worker, standard font data and character maps: only from inside pdfjs-dist.
      const file = normalize(join(PDFJS, decodeURIComponent(path)));
      const allowed = ['build', 'standard_fonts', 'cmaps'].some((dir) => file.startsWith(join(PDFJS, dir)));
      if (!allowed) return route.fulfill({ status: 404, body: 'not here' });
      try {
        const body = await readFile(file);
        return route.fulfill({ status: 200, contentType: TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream', body });
      } catch {
        return route.fulfill({ status: 404, body: 'not found' });
      }
    });
    await page.goto(`${ORIGIN}/`);
    const pages = await page.evaluate(async ({ scale }) => {
      const pdfjs = await import('/build/pdf.mjs');
      pdfjs.GlobalWorkerOptions.workerSrc = '/build/pdf.worker.mjs';
      const data = new Uint8Array(await (await fetch('/document.pdf')).arrayBuffer());
      const doc = await pdfjs.getDocument({ data, standardFontDataUrl: '/standard_fonts/', cMapUrl: '/cmaps/', cMapPacked: true }).promise;
      const out = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const p = await doc.getPage(n);
        const viewport = p.getViewport({ scale });
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        await p.render({ canvasContext: ctx, canvas, viewport }).promise;
        const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235) inked++;
        const text = (await p.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
        out.push({ dataUrl: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height, text, ink: inked / (pixels.length / 4) });
      }
      await doc.destroy();
      return out;
    }, { scale });
    return {
      pages: pages.map(({ dataUrl, ...rest }) => ({ ...rest, png: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64') })),
    };
  } finally {
    await browser.close();
  }
}

/**
 * Every page of `bytes` as a PNG.
 * @param {Uint8Array} bytes
 * @param {{ scale?: number }} [options]
 * @returns {Promise<Buffer[]>}
 */
export async function renderPdfToPngs(bytes, options = {}) {
  return (await renderPdf(bytes, options)).pages.map((p) => p.png);
}
