import { ContextConsumer } from '@lit/context';
import { LitElement, type PropertyDeclarations } from 'lit';
import type { PorchlightClient, PublicDealer } from '@porchlight/client';
import { brandingContext, clientContext, sessionContext, type SessionState } from '../context.js';
import { waitForRoot } from './find-root.js';

/**
 * Base of the elements that live inside <porchlight-portal>: receives the client, the session
 * and the dealer by context, and notices when there is no portal around it.
 */
export class PortalConsumer extends LitElement {
  static override properties: PropertyDeclarations = { missingPortal: { state: true } };

  protected declare missingPortal: boolean;

  protected readonly clientConsumer = new ContextConsumer(this, { context: clientContext, subscribe: true });
  protected readonly sessionConsumer = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  protected readonly brandingConsumer = new ContextConsumer(this, { context: brandingContext, subscribe: true });

  constructor() {
    super();
    this.missingPortal = false;
  }

  get client(): PorchlightClient | undefined {
    return this.clientConsumer.value;
  }

  get sessionState(): SessionState {
    return this.sessionConsumer.value ?? { status: 'pending', response: null };
  }

  get dealerInfo(): PublicDealer | undefined {
    return this.brandingConsumer.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.client) return;
    this.missingPortal = !waitForRoot(this, 'porchlight-portal', [this.clientConsumer, this.sessionConsumer, this.brandingConsumer], () => Boolean(this.client));
  }

  /** Focuses the first element matching `selector` in the shadow root after the next render. */
  protected async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }
}
