import { css } from 'lit';
import { onboardingCardStyles } from '../internal/onboarding-form.js';

export const activateStyles = [
  ...onboardingCardStyles,
  css`
    :host {
      max-width: var(--porchlight-activate-max-width, 32rem);
    }
    .card > .with {
      margin: 0 0 0.5rem;
      font-weight: 600;
    }
    .details {
      margin-top: 0;
    }
    .details dt {
      flex-basis: 9rem;
    }
    .card > .expires {
      margin: 1.25rem 0 0;
      font-size: 0.9375rem;
      text-align: center;
    }
    .resend {
      margin-top: 1.5rem;
      padding-top: 1.25rem;
      border-top: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    }
    .subtitle {
      margin: 0 0 0.25rem;
      font-size: 1.125rem;
      font-weight: 650;
      line-height: 1.3;
      outline: none;
    }
    .resend > p {
      margin: 0 0 1rem;
    }
  `,
];
