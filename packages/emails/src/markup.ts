/**
 * Safe building blocks for templates: the `mj` tag escapes every value it interpolates, and
 * URLs, colours and fonts are re-validated here before they reach an href or CSS.
 */

/** A fragment of MJML/HTML that is already safe to insert (built by `mj`). */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type MarkupValue = string | number | Markup | null | undefined | false | readonly MarkupValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Control characters are not allowed in XML (MJML's parser) and never belong in an email.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(CONTROL, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function insert(value: MarkupValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(insert).join('');
  return escapeHtml(String(value));
}

/** Tagged template for MJML: `mj\`<mj-text>Hi ${name}</mj-text>\`` escapes `name`; nested `mj` fragments pass as they are. */
export function mj(strings: TemplateStringsArray, ...values: MarkupValue[]): Markup {
  return new Markup(strings.reduce((out, s, i) => out + s + (i < values.length ? insert(values[i]!) : ''), ''));
}

/** The URL when it is an absolute http(s) URL (relative ones resolve against `base`), else undefined. */
export function safeUrl(url: string | undefined, base?: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, safeUrl(base));
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Like safeUrl, for a link the email cannot do without: a bad one is a bug in the caller. */
export function requireUrl(url: string, field: string): string {
  const safe = safeUrl(url);
  if (!safe) throw new TypeError(`Email data \`${field}\` must be an absolute http(s) URL.`);
  return safe;
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** A hex colour (#rgb, #rrggbb, #rrggbbaa), else undefined. */
export function safeColor(value: string | undefined): string | undefined {
  return value && HEX.test(value) ? value.toLowerCase() : undefined;
}

/** WCAG contrast ratio of two hex colours (alpha ignored). */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const h = hex.slice(1);
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.slice(0, 6);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui']);
export const FALLBACK_FONTS = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/**
 * A CSS font-family list rebuilt from plain names (letters, digits, spaces, dashes), each
 * quoted when it has a space, ending with the fallback stack unless it ends in a generic family.
 */
export function safeFont(font: string | undefined): string {
  const names = (font ?? '')
    .split(',')
    .map((n) => n.trim().replace(/^["']|["']$/g, '').trim())
    .filter((n) => /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u.test(n));
  if (names.length === 0) return FALLBACK_FONTS;
  const list = names.map((n) => (n.includes(' ') ? `'${n}'` : n)).join(', ');
  return GENERIC.has(names.at(-1)!.toLowerCase()) ? list : `${list}, ${FALLBACK_FONTS}`;
}

/** An email address fit for a mailto: link, else undefined. */
export function safeEmail(value: string | undefined): string | undefined {
  return value && /^[^\s@<>"'(),;:\\]+@[^\s@<>"'(),;:\\]+\.[^\s@<>"'(),;:\\]+$/.test(value) ? value : undefined;
}
