// Shared setup of the payments and autopay tests (not exported from the package): a portal on the
// memory store with the sandbox gateway on the kit's clock, invoices synced through the admin API,
// and cards tokenized the way the sandbox's fields page does.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { routePath, Routes, type DealerSettings } from '@porchlight/core';
import type { PortalOptions } from '../../options.js';
import type { PaymentGateway } from '../../payments/gateway.js';
import { sandboxGateway, sandboxGatewayApp, type SandboxGatewayApp } from '../../payments/sandbox.js';
import { API_KEY, makeKit, ORIGIN } from '../../testing/kit.js';

export const B = Routes.billing;
export const code = (res: { body: any }) => res.body?.error?.code;
export const key = () => randomBytes(12).toString('base64url');

export const CARDS = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  declined: '4000000000000002',
  insufficient: '4000000000009995',
  unavailable: '4000000000000119',
} as const;

export type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any; headers: Headers }>;

/** A monthly monitoring invoice of `totalCents` (one line, no tax), fully open unless told. */
export function invoiceBody(totalCents: number, o: { dueDate?: string; balanceCents?: number; void?: boolean } = {}) {
  return {
    issueDate: '2026-11-01',
    dueDate: o.dueDate ?? '2026-11-15',
    lines: [{ description: 'Alarm monitoring', quantity: 1, unitCents: totalCents, totalCents }],
    subtotalCents: totalCents,
    taxCents: 0,
    totalCents,
    balanceCents: o.balanceCents ?? totalCents,
    ...(o.void ? { void: true } : {}),
  };
}

export interface PayKitOptions {
  settings?: Partial<DealerSettings>;
  /** Wraps the sandbox gateway (to make it fail, or answer pending). */
  wrap?: (gateway: PaymentGateway) => PaymentGateway;
  /** No gateway at all. */
  noGateway?: boolean;
  overrides?: Partial<PortalOptions>;
  /** Share this sandbox (two portals, one gateway). */
  sandbox?: SandboxGatewayApp;
}

export function payKit(o: PayKitOptions = {}) {
  const holder: { now: () => number } = { now: () => Date.parse('2026-11-23T12:00:00Z') };
  const sandboxApp = o.sandbox ?? sandboxGatewayApp({ secret: 'sandbox-secret-0123456789abcdef', allowedOrigins: [ORIGIN], now: () => holder.now() });
  const base = sandboxGateway({ app: sandboxApp, publicUrl: 'https://pay.example/sandbox' });
  const gateway = o.wrap ? o.wrap(base) : base;
  const kit = makeKit({
    ...(o.noGateway ? {} : { gateway }),
    dealer: {
      id: 'lakeside',
      name: 'Lakeside Alarm Co.',
      allowedOrigins: [ORIGIN],
      apiKeys: [{ id: 'backoffice', key: API_KEY }],
      settings: { portalUrl: `${ORIGIN}/portal`, resetUrl: `${ORIGIN}/reset`, supportEmail: 'billing@lakeside.example', ...o.settings },
    },
    ...o.overrides,
  });
  holder.now = () => kit.clock.now;
  const sandbox = sandboxApp.sandbox;

  /** A token as the sandbox's fields page makes it (the card number never reaches Porchlight). */
  const cardToken = (number: string = CARDS.visa) => sandbox.tokenize({ kind: 'card', number, expMonth: 12, expYear: 2030, cvc: '123' }).token;
  const bankToken = () => sandbox.tokenize({ kind: 'bank', routingNumber: '110000000', accountNumber: '000123456789', accountHolderName: 'Dana Reyes' }).token;

  async function sync(accountId: string, number: string, totalCents: number, opts: Parameters<typeof invoiceBody>[1] = {}) {
    const res = await kit.admin('PUT', routePath(B.admin.invoice, { accountId, invoiceNumber: number }), invoiceBody(totalCents, opts));
    assert.ok(res.status === 201 || res.status === 200, JSON.stringify(res.body));
    return res.body.invoice as { id: string; number: string; balanceCents: number };
  }

  async function addCard(as: Call, number: string = CARDS.visa, extra: Record<string, unknown> = {}) {
    const res = await as('POST', B.paymentMethods, { token: cardToken(number), ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; isDefault: boolean; last4: string };
  }

  const invoice = async (as: Call, id: string) => (await as('GET', routePath(B.invoice, { invoiceId: id }))).body;

  /** Two accounts, A with invoices INV-1 ($100.00) and INV-2 ($50.00), B with INV-9 ($70.00). */
  async function setup() {
    const { a, b } = await kit.twoAccounts();
    const inv1 = await sync(a.account.id, 'INV-1', 10_000, { dueDate: '2026-11-10' });
    const inv2 = await sync(a.account.id, 'INV-2', 5_000, { dueDate: '2026-11-20' });
    const inv9 = await sync(b.account.id, 'INV-9', 7_000);
    return { a, b, inv1, inv2, inv9 };
  }

  /** Signs the account's manager in again (after the clock moved past the session's life), as a call helper. */
  async function relogin(identifier: string, password = 'correct horse battery'): Promise<Call> {
    const res = await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return kit.as(res.body.session.token);
  }

  return { ...kit, kit, relogin, sandbox, sandboxApp, gateway, cardToken, bankToken, sync, addCard, invoice, setup };
}
