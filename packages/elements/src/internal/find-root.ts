/**
 * How an element finds the root it lives in (<porchlight-portal>, <porchlight-admin>), whose
 * contexts give it the client, the session and the dealer.
 */

/** The nearest `tag` element around `node`, across shadow roots. */
export function closestAcross(node: Node, tag: string): Element | null {
  let current: Node | null = node;
  while (current) {
    const found: Element | null = current instanceof Element ? current.closest(tag) : null;
    if (found && found !== node) return found;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/**
 * For an element that connects without its root's client. False (and a warning) when no `tag`
 * root is around it. Otherwise the root may be defined after the element (scripts loaded in
 * another order): the context `consumers` ask again then, unless `connected()` says they have
 * their answer by then.
 */
export function waitForRoot(
  host: HTMLElement,
  tag: string,
  consumers: ReadonlyArray<{ hostConnected(): void; hostDisconnected(): void }>,
  connected: () => boolean,
): boolean {
  if (!closestAcross(host, tag)) {
    console.warn(`<${host.localName}> needs a <${tag} api="…"> around it.`);
    return false;
  }
  void customElements.whenDefined(tag).then(() => {
    if (host.isConnected && !connected()) {
      for (const consumer of consumers) {
        consumer.hostDisconnected();
        consumer.hostConnected();
      }
    }
  });
  return true;
}
