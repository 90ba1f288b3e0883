import { ContextConsumer } from '@lit/context';
import { LitElement, type PropertyDeclarations } from 'lit';
import type { PorchlightClient, PublicDealer } from '@porchlight/client';
import { brandingContext, clientContext, sessionContext, type SessionState } from '../context.js';

const PORTAL = 'porchlight-portal';

/** The nearest <porchlight-portal> around `node`, across shadow roots. */
function portalAround(node: Node): Element | null {
  let current: Node | null = node;
  while (current) {
    const found: Element | null = current instanceof Element ? current.closest(PORTAL) : null;
    if (found && found !== node) return found;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

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
    const portal = portalAround(this);
    if (!portal) {
      this.missingPortal = true;
      console.warn(`<${this.localName}> needs a <porchlight-portal api="…"> around it.`);
      return;
    }
    this.missingPortal = false;
    // The portal may be defined after this element (scripts loaded in another order): ask again then.
    void customElements.whenDefined(PORTAL).then(() => {
      if (this.isConnected && !this.client) {
        for (const consumer of [this.clientConsumer, this.sessionConsumer, this.brandingConsumer]) {
          consumer.hostDisconnected();
          consumer.hostConnected();
        }
      }
    });
  }

  /** Focuses the first element matching `selector` in the shadow root after the next render. */
  protected async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }
}
