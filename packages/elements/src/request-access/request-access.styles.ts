import { css } from 'lit';
import { onboardingCardStyles } from '../internal/onboarding-form.js';

export const requestAccessStyles = [
  ...onboardingCardStyles,
  css`
    :host {
      max-width: var(--porchlight-request-access-max-width, 32rem);
    }
  `,
];
