/**
 * The banner <porchlight-portal> shows while a dealer's admin emulates the signed-in user: who is
 * emulated, by whom, and End emulation. portal.ts loads this module when an emulation session
 * first shows (a sign-in page never needs it) and adopts `bannerStyles` then.
 */
import { css, html, type TemplateResult } from 'lit';
import type { SessionResponse } from '@porchlight/client';

export const bannerStyles = css`
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem 1rem;
    padding: 0.75rem 1rem;
    border: 2px solid var(--porchlight-banner-border-color, #b54708);
    border-radius: var(--_radius);
    background: var(--porchlight-banner-background, repeating-linear-gradient(-45deg, #fff7e6 0 12px, #fff0d1 12px 24px));
    color: var(--porchlight-banner-text, #4a2a00);
  }
  .banner p {
    flex: 1 1 14rem;
    margin: 0;
  }
  .banner .button {
    width: auto;
    min-height: 2.5rem;
    background: var(--porchlight-banner-button-background, #7a2e0e);
    color: var(--porchlight-banner-button-text, #fff);
  }
  .tag {
    display: inline-block;
    margin-right: 0.5rem;
    padding: 0 0.5rem;
    border-radius: 999px;
    background: #7a2e0e;
    color: #fff;
    font-size: 0.75rem;
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    vertical-align: 0.1em;
  }
`;

/** "admin Sam" stays as it is; "Sam" becomes "admin Sam". */
const adminLabel = (name: string) => (/^admin\b/i.test(name) ? name : `admin ${name}`);

/** The banner for `response`, emulated by `by`; `ending` while End emulation (`onEnd`) works. */
export function renderBanner(response: SessionResponse, by: { name: string }, ending: boolean, onEnd: () => void): TemplateResult {
  return html`<div class="banner" part="banner" role="region" aria-label="Emulation">
    <p>
      <span class="tag" aria-hidden="true">Emulation</span>
      You are emulating <strong>${response.user.name}</strong> (${adminLabel(by.name)}). Your actions are recorded in the account's audit log.
    </p>
    <button class="button" part="button" type="button" ?disabled=${ending} @click=${onEnd}>
      ${ending ? 'Ending…' : 'End emulation'}
    </button>
  </div>`;
}
