/**
 * The payment gateway's browser half: its own fields, where card and bank details are typed and
 * turned into a one-time token. Card and bank numbers never enter a Porchlight element, its
 * state or its requests: the elements only ever see the token and a summary (kind, brand or
 * bank, last four, expiry).
 *
 * One small interface (`GatewayFieldsAdapter`) with two implementations, chosen by the server's
 * `GatewayBrowserConfig`:
 *
 * - `sandbox` (fully working and tested): an <iframe> of `fieldsUrl?kind=card|bank&origin=<this
 *   page's origin>` served by the sandbox gateway app. It talks by postMessage
 *   (`porchlight-sandbox-ready` / `-token` / `-error`; the element may send `-submit`). Messages
 *   are accepted ONLY when `event.origin === fieldsOrigin` and `event.source` is that iframe's
 *   window, and only in the expected shape; a "token" that holds a card number is refused.
 * - `stripe` (thin, NOT exercised by the tests): loads https://js.stripe.com/v3 only when a Stripe
 *   gateway is configured, mounts Stripe's Payment Element for the SetupIntent the server made
 *   (`methods.setup(kind)` → `clientSecret`), and `confirmSetup` gives a `pm_…` as the token.
 *   `confirmPayment` completes a payment that needs 3-D Secure (`handleNextAction`). The dealer's
 *   page CSP must allow js.stripe.com (see docs/payments-gateways.md).
 *
 * `GatewayFields` is the reactive controller the elements use: it owns one adapter at a time,
 * mounts it into the element's `[data-gateway-fields]` container once rendered, and keeps the
 * phase (loading, ready, checking, done, error) the template shows.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { containsCardNumber, type GatewayBrowserConfig, type PaymentMethodSetup } from '@porchlight/client';
import { alertIcon, checkIcon } from '../internal/icons.js';

export type MethodKind = 'card' | 'bank';

/** What the gateway says about the details it took (never the number itself). */
export interface GatewayMethodSummary {
  kind: MethodKind;
  brand: string | null;
  bankName: string | null;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
}

export interface GatewayTokenResult {
  /** The one-time token (a sandbox `tok_sbx_…`, a Stripe `pm_…`). */
  token: string;
  /** What the gateway says about it; null when it does not say (Stripe). */
  summary: GatewayMethodSummary | null;
}

export interface GatewayFieldsListener {
  /** The fields are shown and can be typed in. */
  ready(): void;
  /** The details were accepted: here is the token. */
  token(result: GatewayTokenResult): void;
  /** The fields refused the details or could not reach the gateway (a message a person can act on). */
  error(message: string): void;
}

/** The browser half of one payment gateway. */
export interface GatewayFieldsAdapter {
  readonly gateway: GatewayBrowserConfig['kind'];
  /** Whether `mount` needs the server's setup (`methods.setup(kind)`) first. */
  readonly needsSetup: boolean;
  /** Shows the gateway's fields for `kind` in `container`. */
  mount(container: HTMLElement, kind: MethodKind, listener: GatewayFieldsListener, setup?: PaymentMethodSetup): Promise<void>;
  /** Asks the fields to check the details and answer with `token` or `error`. */
  submit(): void;
  /** Removes the fields and stops listening. */
  destroy(): void;
  /** Completes a payment that needs the client to authenticate (Stripe 3-D Secure). */
  confirmPayment?(clientSecret: string): Promise<{ ok: true } | { ok: false; message: string }>;
}

const TOKEN = /^[A-Za-z0-9_.:=+/-]{1,500}$/;
/** A short text from the gateway, never one holding a card number. */
const text = (v: unknown, max = 100): string | null => (typeof v === 'string' && v.trim() && !containsCardNumber(v) ? v.trim().slice(0, max) : null);
const int = (v: unknown, min: number, max: number): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : null);

/** The summary the fields sent, in the expected shape (anything else dropped); null if unusable. */
export function readSummary(raw: unknown, kind: MethodKind): GatewayMethodSummary | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const last4 = typeof r.last4 === 'string' && /^\d{4}$/.test(r.last4) ? r.last4 : null;
  if (!last4) return null;
  const k = r.kind === 'card' || r.kind === 'bank' ? r.kind : kind;
  return {
    kind: k,
    brand: k === 'card' ? text(r.brand, 40) : null,
    bankName: k === 'bank' ? text(r.bankName, 80) : null,
    last4,
    expMonth: k === 'card' ? int(r.expMonth, 1, 12) : null,
    expYear: k === 'card' ? int(r.expYear, 2000, 2200) : null,
  };
}

/** A token as the server takes it, and never something holding a card number. */
export function acceptableToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN.test(token) && !containsCardNumber(token);
}

// ---- the sandbox: an iframe and postMessage ---------------------------------------------------

/** An exact origin ("https://pay.example"), never "null", "*" or a URL with a path. */
function exactOrigin(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin !== 'null' && origin === value ? origin : null;
  } catch {
    return null;
  }
}

export class SandboxFieldsAdapter implements GatewayFieldsAdapter {
  readonly gateway = 'sandbox' as const;
  readonly needsSetup = false;
  private frame: HTMLIFrameElement | null = null;
  private listener: GatewayFieldsListener | null = null;
  private kind: MethodKind = 'card';
  private readonly origin: string | null;

  constructor(
    private readonly config: { fieldsUrl: string; fieldsOrigin: string },
    private readonly title: (kind: MethodKind) => string = (k) => (k === 'card' ? 'Card details' : 'Bank account details'),
  ) {
    this.origin = exactOrigin(config.fieldsOrigin);
  }

  async mount(container: HTMLElement, kind: MethodKind, listener: GatewayFieldsListener): Promise<void> {
    this.destroy();
    if (!this.origin) {
      listener.error('The payment form is not set up correctly. Contact us to pay.');
      return;
    }
    let src: URL;
    try {
      src = new URL(this.config.fieldsUrl, window.location.href);
    } catch {
      listener.error('The payment form is not set up correctly. Contact us to pay.');
      return;
    }
    src.searchParams.set('kind', kind);
    src.searchParams.set('origin', window.location.origin);
    this.kind = kind;
    this.listener = listener;
    const frame = document.createElement('iframe');
    frame.title = `${this.title(kind)} (secure form of the payment processor)`;
    frame.src = src.href;
    frame.className = 'gateway-frame';
    frame.setAttribute('part', 'gateway-frame');
    frame.referrerPolicy = 'no-referrer';
    // Nothing of the page is shared with the frame beyond what it is given by postMessage.
    frame.setAttribute('allow', 'payment');
    this.frame = frame;
    window.addEventListener('message', this.onMessage);
    container.replaceChildren(frame);
  }

  submit(): void {
    const target = this.frame?.contentWindow;
    if (target && this.origin) target.postMessage({ type: 'porchlight-sandbox-submit' }, this.origin);
  }

  destroy(): void {
    window.removeEventListener('message', this.onMessage);
    this.frame?.remove();
    this.frame = null;
    this.listener = null;
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const frame = this.frame;
    const listener = this.listener;
    // Only the frame we made, from the gateway's exact origin.
    if (!frame || !listener || event.origin !== this.origin || event.source !== frame.contentWindow) return;
    const data = event.data as Record<string, unknown> | null;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    switch (data.type) {
      case 'porchlight-sandbox-ready': {
        const height = typeof data.height === 'number' && Number.isFinite(data.height) ? data.height : 0;
        // Room for the field errors the form may show later.
        if (height > 0) frame.style.height = `${Math.round(Math.min(900, Math.max(200, height + 24)))}px`;
        listener.ready();
        return;
      }
      case 'porchlight-sandbox-token': {
        if (!acceptableToken(data.token)) {
          listener.error('The payment form sent something that is not a payment token. Try again.');
          return;
        }
        listener.token({ token: data.token, summary: readSummary(data.summary, this.kind) });
        return;
      }
      case 'porchlight-sandbox-error':
        listener.error(text(data.message, 300) ?? 'Check the details in the payment form.');
        return;
      default:
        return;
    }
  };
}

// ---- Stripe: the Payment Element (thin; not exercised by the tests) ---------------------------

/** The few pieces of Stripe.js v3 used here. */
interface StripeJs {
  elements(options: { clientSecret: string }): StripeElements;
  confirmSetup(options: { elements: StripeElements; redirect: 'if_required' }): Promise<{ setupIntent?: { payment_method?: string | { id: string } | null }; error?: { message?: string } }>;
  handleNextAction(options: { clientSecret: string }): Promise<{ error?: { message?: string } }>;
}
interface StripeElements {
  create(type: 'payment'): StripePaymentElement;
}
interface StripePaymentElement {
  mount(target: HTMLElement): void;
  on(event: 'ready', handler: () => void): void;
  destroy(): void;
}
type StripeFactory = (publishableKey: string) => StripeJs;

const STRIPE_JS = 'https://js.stripe.com/v3';
let stripeScript: Promise<StripeFactory> | undefined;

/** Loads Stripe.js once per page, only when a Stripe gateway is configured. */
function loadStripe(): Promise<StripeFactory> {
  const existing = (window as unknown as { Stripe?: StripeFactory }).Stripe;
  if (existing) return Promise.resolve(existing);
  stripeScript ??= new Promise<StripeFactory>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = STRIPE_JS;
    script.async = true;
    script.onload = () => {
      const factory = (window as unknown as { Stripe?: StripeFactory }).Stripe;
      if (factory) resolve(factory);
      else reject(new Error('Stripe.js did not load.'));
    };
    script.onerror = () => {
      stripeScript = undefined;
      reject(new Error('Stripe.js could not be loaded.'));
    };
    document.head.append(script);
  });
  return stripeScript;
}

/**
 * Stripe's Payment Element for a SetupIntent: the token is the confirmed `pm_…`. Stripe does not
 * hand back a summary here; the server reads brand, last four and expiry from Stripe when it
 * saves or charges the method. Not exercised by the tests (they use the sandbox).
 */
export class StripeFieldsAdapter implements GatewayFieldsAdapter {
  readonly gateway = 'stripe' as const;
  readonly needsSetup = true;
  private stripe: StripeJs | null = null;
  private elements: StripeElements | null = null;
  private element: StripePaymentElement | null = null;
  private listener: GatewayFieldsListener | null = null;

  constructor(private readonly config: { publishableKey: string }) {}

  async mount(container: HTMLElement, _kind: MethodKind, listener: GatewayFieldsListener, setup?: PaymentMethodSetup): Promise<void> {
    this.destroy();
    this.listener = listener;
    if (!setup?.clientSecret) {
      listener.error('The payment form could not be started. Try again.');
      return;
    }
    try {
      const factory = await loadStripe();
      if (this.listener !== listener) return;
      this.stripe ??= factory(this.config.publishableKey);
      this.elements = this.stripe.elements({ clientSecret: setup.clientSecret });
      this.element = this.elements.create('payment');
      this.element.on('ready', () => listener.ready());
      const target = document.createElement('div');
      container.replaceChildren(target);
      this.element.mount(target);
    } catch {
      listener.error('The payment form could not be loaded. Check your connection and try again.');
    }
  }

  submit(): void {
    const { stripe, elements, listener } = this;
    if (!stripe || !elements || !listener) return;
    void stripe.confirmSetup({ elements, redirect: 'if_required' }).then(
      ({ setupIntent, error }) => {
        if (error) return listener.error(error.message ?? 'Check the details in the payment form.');
        const pm = setupIntent?.payment_method;
        const token = typeof pm === 'string' ? pm : pm?.id;
        if (!acceptableToken(token)) return listener.error('The payment form did not confirm the details. Try again.');
        listener.token({ token, summary: null });
      },
      () => listener.error('The payment processor could not be reached. Try again.'),
    );
  }

  async confirmPayment(clientSecret: string): Promise<{ ok: true } | { ok: false; message: string }> {
    try {
      const factory = await loadStripe();
      this.stripe ??= factory(this.config.publishableKey);
      const { error } = await this.stripe.handleNextAction({ clientSecret });
      return error ? { ok: false, message: error.message ?? 'The payment was not confirmed.' } : { ok: true };
    } catch {
      return { ok: false, message: 'The payment processor could not be reached.' };
    }
  }

  destroy(): void {
    this.element?.destroy();
    this.element = null;
    this.elements = null;
    this.listener = null;
  }
}

/** The adapter for the server's gateway configuration. */
export function gatewayAdapter(config: GatewayBrowserConfig): GatewayFieldsAdapter {
  return config.kind === 'sandbox' ? new SandboxFieldsAdapter(config) : new StripeFieldsAdapter(config);
}

// ---- the controller the elements use --------------------------------------------------------

export type FieldsPhase = 'idle' | 'loading' | 'ready' | 'checking' | 'done' | 'error';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export interface GatewayFieldsOptions {
  /** The gateway's browser configuration (from `billingApi(client).config()`). */
  config: () => GatewayBrowserConfig | null;
  /** The server's setup for a kind (`methods.setup`), for gateways that need one. */
  setup: (kind: MethodKind) => Promise<PaymentMethodSetup>;
  /** The details were accepted. */
  onToken: (result: GatewayTokenResult) => void;
  /** The fields refused the details (they stay shown, with the message). */
  onError?: (message: string) => void;
  /** Makes the adapter (tests and integrations may give their own). */
  adapter?: (config: GatewayBrowserConfig) => GatewayFieldsAdapter;
  /** How long the fields may take to show before the element says they did not load (default 20 s). */
  loadTimeoutMs?: number;
}

/**
 * Shows the gateway's fields inside an element: `start(kind)` then render `template()`; the
 * fields are mounted into its container after the element renders it (and again should the
 * container be rendered anew). `submit()` asks them for a token.
 */
export class GatewayFields implements ReactiveController {
  phase: FieldsPhase = 'idle';
  kind: MethodKind = 'card';
  result: GatewayTokenResult | null = null;
  message = '';
  /** How long the fields may take to show before they are said not to have loaded. */
  loadTimeoutMs: number;
  private adapter: GatewayFieldsAdapter | null = null;
  private mountedIn: HTMLElement | null = null;
  private wanted = false;
  private run = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: GatewayFieldsOptions,
  ) {
    this.loadTimeoutMs = options.loadTimeoutMs ?? 20_000;
    host.addController(this);
  }

  get active(): boolean {
    return this.wanted;
  }

  /** Shows the fields for `kind` (again from the start). */
  start(kind: MethodKind): void {
    this.teardown();
    this.kind = kind;
    this.wanted = true;
    this.result = null;
    this.message = '';
    this.phase = 'loading';
    this.host.requestUpdate();
  }

  /** Hides the fields and forgets any token. */
  stop(): void {
    this.teardown();
    this.wanted = false;
    this.result = null;
    this.message = '';
    this.phase = 'idle';
    this.host.requestUpdate();
  }

  /** Asks the fields for a token (like their own Continue button). */
  submit(): void {
    if (!this.adapter || this.phase === 'checking' || this.phase === 'loading') return;
    this.phase = 'checking';
    this.message = '';
    this.host.requestUpdate();
    this.adapter.submit();
  }

  /** Completes a payment that needs authentication, where the gateway supports it. */
  async confirmPayment(clientSecret: string): Promise<{ ok: true } | { ok: false; message: string } | null> {
    const config = this.options.config();
    if (!config) return null;
    const adapter = this.adapter ?? (this.options.adapter ?? gatewayAdapter)(config);
    return adapter.confirmPayment ? adapter.confirmPayment(clientSecret) : null;
  }

  hostUpdated(): void {
    if (!this.wanted) return;
    const container = this.host.renderRoot.querySelector<HTMLElement>('[data-gateway-fields]');
    if (!container || (container === this.mountedIn && container.isConnected && this.adapter)) return;
    void this.mount(container);
  }

  hostConnected(): void {
    // Mounted again after being moved in the page: the fields start over.
    if (this.wanted) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.teardown();
    if (this.wanted && this.phase !== 'done') this.phase = 'loading';
  }

  private teardown(): void {
    this.run++;
    clearTimeout(this.timer);
    this.adapter?.destroy();
    this.adapter = null;
    this.mountedIn = null;
  }

  private async mount(container: HTMLElement): Promise<void> {
    this.teardown();
    const run = this.run;
    const config = this.options.config();
    this.mountedIn = container;
    if (!config) {
      this.fail('Online payment is not available.');
      return;
    }
    const adapter = (this.options.adapter ?? gatewayAdapter)(config);
    this.adapter = adapter;
    const kind = this.kind;
    const listener: GatewayFieldsListener = {
      ready: () => {
        if (run !== this.run) return;
        clearTimeout(this.timer);
        if (this.phase === 'loading') this.phase = 'ready';
        this.host.requestUpdate();
      },
      token: (result) => {
        if (run !== this.run) return;
        this.result = result;
        this.phase = 'done';
        this.message = '';
        this.host.requestUpdate();
        this.options.onToken(result);
      },
      error: (message) => {
        if (run !== this.run) return;
        // Before the fields showed, nothing can be typed: an error. After, the fields stay and
        // the person corrects the details there.
        this.phase = this.phase === 'loading' ? 'error' : 'ready';
        this.message = message;
        this.host.requestUpdate();
        this.options.onError?.(message);
      },
    };
    try {
      const setup = adapter.needsSetup ? await this.options.setup(kind) : undefined;
      if (run !== this.run) return;
      // A form that never says it is ready (blocked by the page's CSP, a wrong origin, offline).
      this.timer = setTimeout(() => {
        if (run === this.run && this.phase === 'loading') this.fail('The secure payment form did not load. Check your connection and reload the page, or contact us to pay.');
      }, this.loadTimeoutMs);
      await adapter.mount(container, kind, listener, setup);
    } catch (error) {
      if (run !== this.run) return;
      this.fail((error as { message?: string })?.message || 'The payment form could not be loaded. Try again.');
    }
  }

  private fail(message: string): void {
    this.phase = 'error';
    this.message = message;
    this.host.requestUpdate();
  }

  /**
   * The fields' place in a template: the gateway's frame, what is happening (a live region) and
   * its message. `label` names the group ("Card details").
   */
  template(label: string): TemplateResult | typeof nothing {
    if (!this.wanted) return nothing;
    const status =
      this.phase === 'loading'
        ? 'Loading the secure payment form…'
        : this.phase === 'checking'
          ? 'Checking the details…'
          : this.phase === 'done' && this.result
            ? `Details accepted${this.result.summary ? `: ${this.result.summary.kind === 'card' ? 'card' : 'account'} ending in ${this.result.summary.last4}` : ''}.`
            : '';
    return html`<div class="gateway" part="gateway" role="group" aria-label=${label} data-phase=${this.phase}>
      <div class="gateway-fields" data-gateway-fields ?hidden=${this.phase === 'done'}></div>
      <p class="gateway-status" role="status">${this.phase === 'done' ? html`${checkIcon}<span>${status}</span>` : status}</p>
      <div role="alert" class="gateway-alert">
        ${this.message ? html`<div class="alert-box error" tabindex="-1">${alertIcon}<p>${this.message}</p></div>` : nothing}
      </div>
    </div>`;
  }
}
