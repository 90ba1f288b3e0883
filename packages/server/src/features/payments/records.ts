import { PorchlightError, type Actor, type Payment, type PaymentMethod, type PortalPayment, type PortalPaymentMethod } from '@porchlight/core';
import type { Deps } from '../../context.js';
import type { Dealer } from '../../options.js';
import type { PaymentGateway } from '../../payments/gateway.js';

/** A saved method as stored: the portal's shape plus which gateway and customer it belongs to. */
export interface MethodRecord extends PaymentMethod {
  dealerId: string;
  gatewayId: string;
  customerRef: string;
}

/** What is sent to the gateway for a payment, kept so a retry asks again with exactly the same request. */
export interface ChargeRequest {
  gatewayId: string;
  customerRef: string;
  /** A saved method's gateway reference, or null when paying with a one-time token. */
  methodRef: string | null;
  /** The one-time gateway token (never card data), or null. */
  token: string | null;
  /** The gateway's idempotency key: one per payment (portal: `pay:<paymentId>`; autopay: account, cycle and attempt). */
  idempotencyKey: string;
  offSession: boolean;
  description: string;
  metadata: Record<string, string>;
}

/** A refund made from the back office. */
export interface RefundEntry {
  keyHash: string;
  amountCents: number;
  at: string;
  by: Actor;
  reason: string | null;
  refundRef: string | null;
  /** `pending` while reserved and sent (its answer may not have come); `succeeded` once the gateway took it. */
  status: 'pending' | 'succeeded';
}

/** A payment as stored: the back office's shape plus what the server needs to finish it. */
export interface PaymentRecord extends Payment {
  dealerId: string;
  /** SHA-256 of the browser's idempotency key (autopay: of the derived key). */
  idempotencyKeyHash: string;
  /** SHA-256 of the request, so the same key with another body is recognised. */
  fingerprint: string;
  /** The saved method paid with, or null for a one-time token. */
  methodId: string | null;
  charge: ChargeRequest;
  /** Pending because the gateway's answer never came (unknown outcome): the reconciliation job asks again. */
  unconfirmed: boolean;
  attempts: number;
  lastAttemptAt: string | null;
  /** Autopay: the cycle (YYYY-MM) and attempt this payment is. */
  autopayCycle: string | null;
  /** Autopay: the cycle, the attempt and the day of the first attempt (retries are counted from it). */
  autopayAttempt: { cycle: string; attempt: number; firstAttemptOn: string } | null;
  /** Who gets the receipt or the failure notice, with the account's managers (autopay: who turned it on). */
  payerUserId: string | null;
  /** A one-time card: the gateway's copy is removed once the payment is final. */
  detachAfter: boolean;
  refunds: RefundEntry[];
}

/** What a pending payment reserves of each invoice (the pending index's value). */
export interface PendingEntry {
  paymentId: string;
  items: Array<{ invoiceId: string; amountCents: number }>;
  createdAt: string;
}

/** The gateway customer of an account. */
export interface CustomerRecord {
  customerRef: string;
  createdAt: string;
}

export const toPortalMethod = (m: MethodRecord): PortalPaymentMethod => ({
  id: m.id,
  accountId: m.accountId,
  kind: m.kind,
  brand: m.brand,
  bankName: m.bankName,
  last4: m.last4,
  expMonth: m.expMonth,
  expYear: m.expYear,
  isDefault: m.isDefault,
  createdAt: m.createdAt,
  createdBy: m.createdBy,
});

export const toPortalPayment = (p: PaymentRecord): PortalPayment => ({
  id: p.id,
  accountId: p.accountId,
  status: p.status,
  amountCents: p.amountCents,
  currency: p.currency,
  method: p.method,
  items: p.items,
  receiptNumber: p.receiptNumber,
  autopay: p.autopay,
  createdAt: p.createdAt,
  createdBy: p.createdBy,
  updatedAt: p.updatedAt,
  failureMessage: p.failureMessage,
  refundedCents: p.refundedCents,
  refundedAt: p.refundedAt,
  refundedBy: p.refundedBy,
});

export const toAdminPayment = (p: PaymentRecord): Payment => ({ ...toPortalPayment(p), gatewayRef: p.gatewayRef });

/** The dealer's gateway, or PAYMENTS_NOT_CONFIGURED. */
export function requireGateway(deps: Deps, dealer: Dealer): PaymentGateway {
  const gateway = deps.gatewayFor?.(dealer.id);
  if (!gateway) throw new PorchlightError('PAYMENTS_NOT_CONFIGURED', `Payments are not set up for this portal. Contact ${dealer.name} to pay.`);
  return gateway;
}

/** Who acts when autopay charges: nobody signed in. */
export const AUTOPAY_ACTOR: Actor = { kind: 'system', name: 'Autopay' };
