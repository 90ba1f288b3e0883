/**
 * Test helper: the billing routes on the fake API (through its `on` hook), answering like the
 * server: invoices (open/paid/all, sorted by due date, number or issue date, cursor pages, PDFs),
 * the gateway configuration, saved methods (add from a one-time token, default, remove — refused
 * with PAYMENT_METHOD_IN_USE while autopay charges it), payments (checked with core's real
 * `PayRequest`; idempotent by key — the same key and body answer the first payment with 200, a
 * different body IDEMPOTENCY_KEY_REUSED; amounts at most the balance unless overpayment is on;
 * declined payments change no invoice), receipts, and autopay (core's `AutopayRequest`). The
 * server's guards: the configuration for any signed-in user; invoices, payments and receipts
 * `invoices.view`; the saved methods `invoices.pay` or `payment-methods.manage`; autopay
 * `invoices.view` or `payment-methods.manage`; paying `invoices.pay` (keeping the card also
 * `payment-methods.manage`); changes to methods and autopay `payment-methods.manage`. Every
 * change is refused while emulating.
 *
 * The gateway is the sandbox, with its fields served by `fake-sandbox-fields.html` from the test
 * server's own origin (`FAKE_FIELDS_URL`); its named test methods (SANDBOX_TEST_METHODS) decide a
 * charge's outcome: `decline-…` declines, `pending-…` stays pending, the others succeed.
 */
import {
  AddPaymentMethodRequest,
  AUTOPAY_AUTHORIZATION_VERSION,
  autopayAuthorizationText,
  AutopayRequest,
  InvoiceQuery,
  PaymentQuery,
  paymentMethodLabel,
  PayRequest,
  type Actor,
  type Autopay,
  type GatewayConfig,
  type InvoiceStatus,
  type PortalInvoiceSummary,
  type PortalPayment,
  type PortalPaymentMethod,
} from '@porchlight/core';
import { checkBody, checkQuery, dana, fail, fakeId, json, type FakeApi, type FakeAuth, type FakeCall } from '../testing/fake-api.js';
import { fileResponse } from '../testing/fake-files.js';

/** The stand-in for the sandbox's hosted fields, on the test server's origin. */
export const FAKE_FIELDS_URL = new URL('./fake-sandbox-fields.html', import.meta.url).href;

/** What the stand-in fields' test methods are (the token is `tok_sbx_<name>_<n>`). */
export const SANDBOX_TEST_METHODS: Record<string, { kind: 'card' | 'bank'; brand: string | null; bankName: string | null; last4: string; expMonth: number | null; expYear: number | null }> = {
  'visa-4242': { kind: 'card', brand: 'visa', bankName: null, last4: '4242', expMonth: 12, expYear: 2030 },
  'mastercard-4444': { kind: 'card', brand: 'mastercard', bankName: null, last4: '4444', expMonth: 12, expYear: 2030 },
  'decline-0002': { kind: 'card', brand: 'visa', bankName: null, last4: '0002', expMonth: 12, expYear: 2030 },
  'pending-1881': { kind: 'card', brand: 'visa', bankName: null, last4: '1881', expMonth: 12, expYear: 2030 },
  'bank-6789': { kind: 'bank', brand: null, bankName: 'Test Bank', last4: '6789', expMonth: null, expYear: null },
  'bankdecline-1116': { kind: 'bank', brand: null, bankName: 'Test Bank', last4: '1116', expMonth: null, expYear: null },
};

/** The decline message the fake gateway gives. */
export const DECLINE_MESSAGE = 'Your card was declined. Use another card or contact your bank.';

export interface FakeInvoiceSeed {
  number: string;
  issueDate: string;
  dueDate: string;
  totalCents: number;
  /** Default: the total. */
  balanceCents?: number;
  void?: boolean;
  currency?: string;
}

export interface FakeMethodSeed {
  kind?: 'card' | 'bank';
  brand?: string | null;
  bankName?: string | null;
  last4: string;
  expMonth?: number | null;
  expYear?: number | null;
  isDefault?: boolean;
}

export interface FakePaymentSeed {
  amountCents: number;
  status?: PortalPayment['status'];
  createdAt?: string;
  method?: PortalPayment['method'];
  items?: Array<{ invoiceNumber: string; amountCents: number }>;
  autopay?: boolean;
  failureMessage?: string | null;
  refundedCents?: number;
  receiptNumber?: string;
}

export interface FakeBillingOptions {
  invoices?: FakeInvoiceSeed[];
  methods?: FakeMethodSeed[];
  payments?: FakePaymentSeed[];
  autopay?: Partial<Autopay>;
  config?: Partial<GatewayConfig>;
  /** The server's today (pastDue), default 2026-11-20. */
  today?: string;
}

export interface FakeBilling {
  /** Every invoice of Dana's account as the portal lists it (balances follow payments). */
  invoices: PortalInvoiceSummary[];
  methods: PortalPaymentMethod[];
  /** Every payment, oldest first. */
  payments: PortalPayment[];
  autopay: Autopay;
  config: GatewayConfig;
  /** Bodies of POST /v1/payments, as received (also refused ones). */
  payRequests: any[];
  /** Bodies of POST /v1/payment-methods. */
  addRequests: any[];
  /** Bodies of PUT /v1/autopay. */
  autopayRequests: any[];
  /** The next payment is made but its answer is lost on the way back (the browser sees a network error). */
  loseNextPayAnswer(): void;
  byNumber(number: string): PortalInvoiceSummary;
}

const DEFAULT_TODAY = '2026-11-20';

export const pdfRoute = (invoiceId: string) => `GET /v1/invoices/${invoiceId}/pdf`;
export const receiptRoute = (paymentId: string) => `GET /v1/payments/${paymentId}/receipt`;
export const methodRoute = (methodId: string) => `DELETE /v1/payment-methods/${methodId}`;
export const defaultRoute = (methodId: string) => `POST /v1/payment-methods/${methodId}/default`;
export const PAY_ROUTE = 'POST /v1/payments';

const statusOf = (i: { totalCents: number; balanceCents: number; voided: boolean }): InvoiceStatus =>
  i.voided ? 'void' : i.balanceCents <= 0 ? 'paid' : i.balanceCents < i.totalCents ? 'partially-paid' : 'open';

/** Serves the billing routes on `api`; returns the state to inspect. */
export function withBilling(api: FakeApi, o: FakeBillingOptions = {}): FakeBilling {
  const today = o.today ?? DEFAULT_TODAY;
  const accountId = fakeId(`account:${dana.identifier}`);
  const danaActor: Actor = { kind: 'user', userId: api.idOf(dana), name: dana.name };
  let seq = 0;
  let clock = Date.parse('2026-11-20T15:00:00.000Z');
  const tick = () => new Date((clock += 60_000)).toISOString();
  const voided = new Set<string>();
  const usedTokens = new Set<string>();
  const byKey = new Map<string, { body: string; payment: PortalPayment }>();
  let loseNext = false;

  const config: GatewayConfig = {
    enabled: true,
    gateway: { kind: 'sandbox', fieldsUrl: FAKE_FIELDS_URL, fieldsOrigin: window.location.origin },
    kinds: ['card', 'bank'],
    currency: 'USD',
    allowOverpayment: false,
    autopay: { dayOfMonth: 1, retryDays: [3, 7], authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION },
    ...o.config,
  };

  const invoices: PortalInvoiceSummary[] = (o.invoices ?? []).map((seed) => {
    const id = fakeId(`invoice:${seed.number}`);
    const balanceCents = seed.void ? 0 : (seed.balanceCents ?? seed.totalCents);
    if (seed.void) voided.add(id);
    const summary: PortalInvoiceSummary = {
      id,
      number: seed.number,
      issueDate: seed.issueDate,
      dueDate: seed.dueDate,
      totalCents: seed.totalCents,
      balanceCents,
      paidCents: seed.totalCents - balanceCents,
      currency: seed.currency ?? config.currency,
      status: statusOf({ totalCents: seed.totalCents, balanceCents, voided: Boolean(seed.void) }),
      pastDue: balanceCents > 0 && seed.dueDate < today,
      version: 1,
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    return summary;
  });

  const methods: PortalPaymentMethod[] = [];
  const addMethod = (seed: FakeMethodSeed, by: Actor, makeDefault: boolean): PortalPaymentMethod => {
    const kind = seed.kind ?? 'card';
    const m: PortalPaymentMethod = {
      id: fakeId(`method:${++seq}`),
      accountId,
      kind,
      brand: kind === 'card' ? (seed.brand ?? 'visa') : null,
      bankName: kind === 'bank' ? (seed.bankName ?? null) : null,
      last4: seed.last4,
      expMonth: kind === 'card' ? (seed.expMonth ?? 12) : null,
      expYear: kind === 'card' ? (seed.expYear ?? 2030) : null,
      isDefault: false,
      createdAt: tick(),
      createdBy: by,
    };
    if (makeDefault || methods.length === 0) for (const x of methods) x.isDefault = false;
    m.isDefault = makeDefault || methods.length === 0;
    methods.push(m);
    serveMethod(m);
    return m;
  };

  const payments: PortalPayment[] = [];
  const state: FakeBilling = {
    invoices,
    methods,
    payments,
    autopay: {
      enabled: false,
      methodId: null,
      dayOfMonth: config.autopay.dayOfMonth,
      authorizationTextVersion: null,
      authorizationText: null,
      authorizationTextSha256: null,
      consentedAt: null,
      consentedBy: null,
      nextChargeOn: null,
      updatedAt: null,
      ...o.autopay,
    },
    config,
    payRequests: [],
    addRequests: [],
    autopayRequests: [],
    loseNextPayAnswer: () => void (loseNext = true),
    byNumber(number) {
      const i = invoices.find((x) => x.number === number);
      if (!i) throw new Error(`no invoice ${number}`);
      return i;
    },
  };

  // ---- who is calling ------------------------------------------------------------------------

  type Perm = 'invoices.view' | 'invoices.pay' | 'payment-methods.manage';
  /**
   * The server's guards: signed in, holding one of `any` (none: any signed-in user), and for a
   * change, not emulating.
   */
  function guard(call: FakeCall, any: Perm[], change = false): FakeAuth | Response {
    const auth = api.authorize(call);
    if (auth instanceof Response) return auth;
    if (any.length && !any.some((p) => auth.permissions.includes(p))) {
      // Refused (and audited) as the last one would be.
      const refused = api.authorize(call, any[any.length - 1]);
      if (refused instanceof Response) return refused;
    }
    if (change && auth.emulatedBy) return fail('EMULATION_FORBIDDEN');
    if (auth.accountId !== accountId) return fail('NOT_FOUND');
    return auth;
  }
  const VIEW: Perm[] = ['invoices.view'];
  const MANAGE: Perm[] = ['payment-methods.manage'];
  const notConfigured = () => (config.enabled ? undefined : fail('PAYMENTS_NOT_CONFIGURED'));

  // ---- invoices ------------------------------------------------------------------------------

  const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  api.on('GET /v1/invoices', (call) => {
    const auth = guard(call, VIEW);
    if (auth instanceof Response) return auth;
    const input = checkQuery(InvoiceQuery, call.search);
    if (!input.ok) return input.response;
    const { status = 'open', sort = 'due', order = 'asc', limit = 50, cursor } = input.value;
    const key = (i: PortalInvoiceSummary) => (sort === 'due' ? i.dueDate : sort === 'issued' ? i.issueDate : '');
    const matching = invoices
      .filter((i) => (status === 'all' ? true : status === 'paid' ? i.status === 'paid' : i.status === 'open' || i.status === 'partially-paid'))
      .sort((a, b) => {
        const by = sort === 'number' ? natural.compare(a.number, b.number) : key(a).localeCompare(key(b)) || natural.compare(a.number, b.number);
        return order === 'asc' ? by : -by;
      });
    let start = 0;
    if (cursor) {
      const index = matching.findIndex((i) => `after:${i.id}` === cursor);
      if (index < 0) return fail('VALIDATION_FAILED', 'The cursor is not valid.', { cursor: 'The cursor is not valid.' });
      start = index + 1;
    }
    const page = matching.slice(start, start + limit);
    return json({ items: page, cursor: start + limit < matching.length ? `after:${page[page.length - 1]!.id}` : null });
  });

  for (const i of invoices) {
    api.on(pdfRoute(i.id), (call) => {
      const auth = guard(call, VIEW);
      if (auth instanceof Response) return auth;
      return fileResponse(`%PDF-1.7 invoice ${i.number} v${i.version}`, `invoice-${i.number}.pdf`, 'application/pdf');
    });
  }

  // ---- configuration and methods ----------------------------------------------------------------

  api.on('GET /v1/billing/config', (call) => {
    const auth = guard(call, []);
    return auth instanceof Response ? auth : json(config);
  });

  const listMethods = () => [...methods].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.createdAt.localeCompare(b.createdAt));

  api.on('GET /v1/payment-methods', (call) => {
    const auth = guard(call, ['invoices.pay', 'payment-methods.manage']);
    return auth instanceof Response ? auth : json({ items: listMethods() });
  });

  api.on('POST /v1/payment-methods/setup', (call) => {
    const auth = guard(call, MANAGE, true);
    if (auth instanceof Response) return auth;
    return notConfigured() ?? json({ clientSecret: null, setupRef: null });
  });

  /** The test method behind a one-time token, used up once read. */
  function takeToken(token: string): (typeof SANDBOX_TEST_METHODS)[string] | Response {
    const name = /^tok_sbx_([a-z]+-\d{4})_\d+$/.exec(token)?.[1];
    const found = name ? SANDBOX_TEST_METHODS[name] : undefined;
    if (!found) return fail('VALIDATION_FAILED', 'This payment token is not valid.', { token: 'This payment token is not valid.' });
    if (usedTokens.has(token)) return fail('VALIDATION_FAILED', 'This payment token was already used. Enter the details again.', { token: 'This payment token was already used.' });
    usedTokens.add(token);
    return found;
  }

  api.on('POST /v1/payment-methods', (call) => {
    const auth = guard(call, MANAGE, true);
    if (auth instanceof Response) return auth;
    state.addRequests.push(call.body);
    const refused = notConfigured();
    if (refused) return refused;
    const input = checkBody(AddPaymentMethodRequest, call.body);
    if (!input.ok) return input.response;
    const found = takeToken(input.value.token);
    if (found instanceof Response) return found;
    return json(addMethod(found, auth.actor, input.value.makeDefault), 201);
  });

  function serveMethod(m: PortalPaymentMethod): void {
    api.on(defaultRoute(m.id), (call) => {
      const auth = guard(call, MANAGE, true);
      if (auth instanceof Response) return auth;
      if (!methods.includes(m)) return fail('NOT_FOUND', 'No such payment method.');
      for (const x of methods) x.isDefault = x === m;
      return json(m);
    });
    api.on(methodRoute(m.id), (call) => {
      const auth = guard(call, MANAGE, true);
      if (auth instanceof Response) return auth;
      const index = methods.indexOf(m);
      if (index < 0) return fail('NOT_FOUND', 'No such payment method.');
      if (state.autopay.enabled && state.autopay.methodId === m.id) return fail('PAYMENT_METHOD_IN_USE');
      methods.splice(index, 1);
      if (m.isDefault && methods[0]) methods[0].isDefault = true;
      return json({ ok: true });
    });
  }

  for (const seed of o.methods ?? []) addMethod(seed, danaActor, seed.isDefault ?? false);

  // ---- payments ------------------------------------------------------------------------------

  function servePayment(p: PortalPayment): void {
    api.on(`GET /v1/payments/${p.id}`, (call) => {
      const auth = guard(call, VIEW);
      return auth instanceof Response ? auth : json(p);
    });
    api.on(receiptRoute(p.id), (call) => {
      const auth = guard(call, VIEW);
      if (auth instanceof Response) return auth;
      if (p.status !== 'succeeded' && p.status !== 'refunded') return fail('NOT_FOUND', 'There is no receipt: this payment was not taken.');
      return fileResponse(`%PDF-1.7 receipt ${p.receiptNumber}`, `receipt-${p.receiptNumber}.pdf`, 'application/pdf');
    });
  }

  const snapshot = (m: { kind: 'card' | 'bank'; brand: string | null; bankName: string | null; last4: string }) => ({ kind: m.kind, brand: m.brand, bankName: m.bankName, last4: m.last4 });

  api.on(PAY_ROUTE, (call) => {
    const auth = guard(call, ['invoices.pay'], true);
    if (auth instanceof Response) return auth;
    state.payRequests.push(call.body);
    const refused = notConfigured();
    if (refused) return refused;
    const input = checkBody(PayRequest, call.body);
    if (!input.ok) return input.response;
    const body = input.value;
    if (body.saveMethod && !auth.permissions.includes('payment-methods.manage')) {
      return fail('PERMISSION_DENIED', 'Your login does not have the "Payment methods and autopay" permission, so it cannot keep a card on file.');
    }
    const { idempotencyKey, ...rest } = body;
    const signature = JSON.stringify(rest);
    const earlier = byKey.get(idempotencyKey);
    if (earlier) {
      return earlier.body === signature ? json({ payment: earlier.payment, clientSecret: null }, 200) : fail('IDEMPOTENCY_KEY_REUSED');
    }
    const items: Array<{ invoice: PortalInvoiceSummary; amountCents: number }> = [];
    for (const [index, item] of body.items.entries()) {
      const invoice = invoices.find((i) => i.id === item.invoiceId);
      if (!invoice) return fail('NOT_FOUND', 'No such invoice.');
      if (invoice.status !== 'open' && invoice.status !== 'partially-paid') return fail('INVOICE_NOT_PAYABLE');
      if (!config.allowOverpayment && item.amountCents > invoice.balanceCents) {
        const message = `Pay at most ${invoice.balanceCents} cents, the balance of invoice ${invoice.number}.`;
        return fail('VALIDATION_FAILED', undefined, { [`items.${index}.amountCents`]: message });
      }
      items.push({ invoice, amountCents: item.amountCents });
    }
    let method: ReturnType<typeof snapshot>;
    let saveFrom: (typeof SANDBOX_TEST_METHODS)[string] | null = null;
    if (body.methodId) {
      const m = methods.find((x) => x.id === body.methodId);
      if (!m) return fail('VALIDATION_FAILED', 'This payment method is no longer saved.', { methodId: 'This payment method is no longer saved.' });
      method = snapshot(m);
    } else {
      const found = takeToken(body.token!);
      if (found instanceof Response) return found;
      method = snapshot(found);
      saveFrom = body.saveMethod ? found : null;
    }
    const outcome: PortalPayment['status'] = ['0002', '1116'].includes(method.last4) ? 'declined' : method.last4 === '1881' ? 'pending' : 'succeeded';
    const at = tick();
    seq++;
    const payment: PortalPayment = {
      id: fakeId(`payment:${seq}`),
      accountId,
      status: outcome,
      amountCents: body.expectedTotalCents,
      currency: config.currency,
      method,
      items: items.map((i) => ({ invoiceId: i.invoice.id, invoiceNumber: i.invoice.number, amountCents: i.amountCents })),
      receiptNumber: `R-2026-${String(1000 + seq).padStart(6, '0')}`,
      autopay: false,
      createdAt: at,
      createdBy: auth.actor,
      updatedAt: at,
      failureMessage: outcome === 'declined' ? DECLINE_MESSAGE : null,
      refundedCents: 0,
      refundedAt: null,
      refundedBy: null,
    };
    if (outcome !== 'declined') {
      for (const { invoice, amountCents } of items) {
        invoice.balanceCents = Math.max(0, invoice.balanceCents - amountCents);
        invoice.paidCents = invoice.totalCents - invoice.balanceCents;
        invoice.status = statusOf({ ...invoice, voided: voided.has(invoice.id) });
        invoice.pastDue = invoice.balanceCents > 0 && invoice.dueDate < today;
        invoice.version++;
        invoice.updatedAt = at;
      }
      if (saveFrom) addMethod(saveFrom, auth.actor, false);
    }
    payments.push(payment);
    servePayment(payment);
    byKey.set(idempotencyKey, { body: signature, payment });
    if (loseNext) {
      loseNext = false;
      throw new TypeError('Failed to fetch');
    }
    return json({ payment, clientSecret: null }, 201);
  });

  api.on('GET /v1/payments', (call) => {
    const auth = guard(call, VIEW);
    if (auth instanceof Response) return auth;
    const input = checkQuery(PaymentQuery, call.search);
    if (!input.ok) return input.response;
    const { status, limit = 50, cursor } = input.value;
    const matching = payments.filter((p) => !status || p.status === status).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    let start = 0;
    if (cursor) {
      const index = matching.findIndex((p) => `after:${p.id}` === cursor);
      if (index < 0) return fail('VALIDATION_FAILED', 'The cursor is not valid.', { cursor: 'The cursor is not valid.' });
      start = index + 1;
    }
    const page = matching.slice(start, start + limit);
    return json({ items: page, cursor: start + limit < matching.length ? `after:${page[page.length - 1]!.id}` : null });
  });

  for (const [index, seed] of (o.payments ?? []).entries()) {
    seq++;
    const at = seed.createdAt ?? new Date(Date.parse('2026-10-01T12:00:00.000Z') + index * 86_400_000).toISOString();
    const p: PortalPayment = {
      id: fakeId(`payment:${seq}`),
      accountId,
      status: seed.status ?? 'succeeded',
      amountCents: seed.amountCents,
      currency: config.currency,
      method: seed.method ?? { kind: 'card', brand: 'visa', bankName: null, last4: '4242' },
      items: (seed.items ?? []).map((i) => ({ invoiceId: fakeId(`invoice:${i.invoiceNumber}`), invoiceNumber: i.invoiceNumber, amountCents: i.amountCents })),
      receiptNumber: seed.receiptNumber ?? `R-2026-${String(seq).padStart(6, '0')}`,
      autopay: seed.autopay ?? false,
      createdAt: at,
      createdBy: seed.autopay ? { kind: 'system', name: 'system' } : danaActor,
      updatedAt: at,
      failureMessage: seed.failureMessage ?? null,
      refundedCents: seed.refundedCents ?? 0,
      refundedAt: null,
      refundedBy: null,
    };
    payments.push(p);
    servePayment(p);
  }

  // ---- autopay -------------------------------------------------------------------------------

  api.on('GET /v1/autopay', (call) => {
    const auth = guard(call, ['invoices.view', 'payment-methods.manage']);
    return auth instanceof Response ? auth : json(state.autopay);
  });

  api.on('PUT /v1/autopay', (call) => {
    const auth = guard(call, MANAGE, true);
    if (auth instanceof Response) return auth;
    state.autopayRequests.push(call.body);
    const refused = notConfigured();
    if (refused) return refused;
    const input = checkBody(AutopayRequest, call.body);
    if (!input.ok) return input.response;
    const method = methods.find((m) => m.id === input.value.methodId);
    if (!method) {
      return fail('VALIDATION_FAILED', 'Choose one of your saved methods.', { methodId: 'Choose one of your saved methods.' });
    }
    const at = tick();
    const day = input.value.dayOfMonth ?? config.autopay.dayOfMonth;
    state.autopay = {
      enabled: true,
      methodId: input.value.methodId,
      dayOfMonth: day,
      authorizationTextVersion: input.value.authorizationTextVersion,
      // The server fills in the text itself, as the client was shown it.
      authorizationText: autopayAuthorizationText({ dealerName: api.dealer.name, dayOfMonth: day, methodLabel: paymentMethodLabel(method), retryDays: config.autopay.retryDays }),
      authorizationTextSha256: 'f'.repeat(64),
      consentedAt: at,
      consentedBy: auth.actor,
      nextChargeOn: `2026-12-${String(day).padStart(2, '0')}`,
      updatedAt: at,
    };
    return json(state.autopay);
  });

  api.on('DELETE /v1/autopay', (call) => {
    const auth = guard(call, MANAGE, true);
    if (auth instanceof Response) return auth;
    state.autopay = { ...state.autopay, enabled: false, methodId: null, nextChargeOn: null, updatedAt: tick() };
    return json(state.autopay);
  });

  return state;
}
