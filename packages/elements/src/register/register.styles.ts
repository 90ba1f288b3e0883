import { css } from 'lit';
import { onboardingCardStyles } from '../internal/onboarding-form.js';

export const registerStyles = [
  ...onboardingCardStyles,
  css`
    :host {
      max-width: var(--porchlight-register-max-width, 32rem);
    }
  `,
];
