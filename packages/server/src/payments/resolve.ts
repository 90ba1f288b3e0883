import { assertPaymentGateway, type PaymentGateway } from './gateway.js';

/**
 * Turns the `gateway` option into `Deps.gatewayFor`. A gateway object is checked at start-up; a
 * function's answers are checked the first time each is seen (a wrong one throws on that request).
 */
export function gatewayResolver(option: PaymentGateway | ((dealerId: string) => PaymentGateway | undefined) | undefined): (dealerId: string) => PaymentGateway | undefined {
  if (option === undefined) return () => undefined;
  if (typeof option === 'function') {
    const checked = new WeakSet<object>();
    return (dealerId) => {
      const gateway = option(dealerId);
      if (gateway === undefined) return undefined;
      if (!checked.has(gateway as object)) {
        assertPaymentGateway(gateway, `createPortal: gateway(${JSON.stringify(dealerId)})`);
        checked.add(gateway);
      }
      return gateway;
    };
  }
  assertPaymentGateway(option, 'createPortal');
  return () => option;
}
