import { html, type TemplateResult } from 'lit';
import type { Actor } from '@porchlight/client';

/** "admin Sam" stays as it is; "Sam" becomes "admin Sam". */
const adminName = (name: string) => (/^admin\b/i.test(name) ? name : `admin ${name}`);

/**
 * Who did something, as a person reads it: a user by name; a dealer admin as "admin X"; an
 * emulated action as "admin X as manager Y" (the server names it so) followed by "(emulated)".
 */
export function actorText(actor: Actor): string {
  if (actor.kind === 'emulation') return `${actor.name} (emulated)`;
  if (actor.kind === 'admin') return adminName(actor.name);
  if (actor.kind === 'system') return 'System';
  return actor.name;
}

/** The same as markup: the name, then an "(emulated)" tag (its brackets read by screen readers only). */
export function actorLabel(actor: Actor): TemplateResult {
  if (actor.kind !== 'emulation') return html`<span class="actor">${actorText(actor)}</span>`;
  return html`<span class="actor">${actor.name}</span>
    <span class="tag emulated" part="tag emulated-tag"><span class="sr-only">(</span>emulated<span class="sr-only">)</span></span>`;
}
