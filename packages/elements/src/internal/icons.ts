import { html } from 'lit';

// Decorative 20px icons (aria-hidden): the text next to them carries the meaning.
const icon = (path: string) =>
  html`<svg class="icon" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false"><path fill-rule="evenodd" d=${path} /></svg>`;

export const alertIcon = icon('M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.9.9 0 0 0-.9.9v4.2a.9.9 0 0 0 1.8 0V5.9A.9.9 0 0 0 10 5Zm0 10a1.1 1.1 0 1 0 0-2.2 1.1 1.1 0 0 0 0 2.2Z');
export const checkIcon = icon('M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.7-9.3a.9.9 0 0 0-1.3-1.3L9.1 10.7 7.6 9.2a.9.9 0 1 0-1.3 1.3l2.2 2.2a.9.9 0 0 0 1.3 0l3.9-4Z');
export const infoIcon = icon('M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.9.9 0 0 0 0 1.8h.1v3.3a.9.9 0 0 0 1.8 0V9.9A.9.9 0 0 0 10 9H9Z');
