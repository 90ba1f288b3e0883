import type { Branding } from '@porchlight/client';

/** The dealer's colours map onto these global tokens. */
const COLOR_TOKENS = {
  primary: '--porchlight-color-primary',
  primaryText: '--porchlight-color-primary-text',
  accent: '--porchlight-color-accent',
  text: '--porchlight-color-text',
  background: '--porchlight-color-background',
  surface: '--porchlight-color-surface',
  danger: '--porchlight-color-danger',
} as const;

// The server validates branding; we check again so that nothing but a colour or a list of
// font names can ever reach a style sheet.
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FONT = /^[\p{L}\p{N} ,'"-]{1,120}$/u;

/** Relative luminance of a hex colour (WCAG). */
function luminance(hex: string): number {
  let h = hex.slice(1);
  if (h.length < 6) h = [...h.slice(0, 3)].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever reads better on `background`. */
export function readableOn(background: string): string {
  const l = luminance(background);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#111111' : '#ffffff';
}

/** Custom property declarations for a dealer's branding (only valid values). */
export function brandingDeclarations(branding: Branding | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const colors = branding?.colors ?? {};
  for (const [key, token] of Object.entries(COLOR_TOKENS)) {
    const value = colors[key as keyof typeof COLOR_TOKENS];
    if (value && HEX.test(value)) out.push([token, value]);
  }
  // A primary colour without its text colour: pick a readable one.
  if (colors.primary && HEX.test(colors.primary) && !(colors.primaryText && HEX.test(colors.primaryText))) {
    out.push([COLOR_TOKENS.primaryText, readableOn(colors.primary)]);
  }
  if (branding?.font && FONT.test(branding.font)) out.push(['--porchlight-font-family', branding.font]);
  return out;
}

/** A safe logo URL (https, a path on this site, or http on localhost for development). */
export function safeLogoUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^https:\/\//i.test(url) || /^\/(?!\/)/.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//i.test(url) ? url : undefined;
}
