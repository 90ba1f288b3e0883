import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One-time tokens arrive in the URL fragment (`#porchlight-reset=…`, `#porchlight-emulation=…`):
 * fragments never reach servers or Referer headers. We read the token once and remove it from
 * the address bar (history.replaceState), keeping any other fragment parts.
 */
export function takeFragmentParam(name: string, win: Pick<Window, 'location' | 'history'> = window): string | null {
  const hash = win.location.hash.replace(/^#/, '');
  if (!hash) return null;
  const parts = hash.split('&');
  const index = parts.findIndex((p) => p.startsWith(`${name}=`));
  if (index < 0) return null;
  let value: string;
  try {
    value = decodeURIComponent(parts[index]!.slice(name.length + 1));
  } catch {
    value = '';
  }
  parts.splice(index, 1);
  const rest = parts.join('&');
  const { pathname, search } = win.location;
  try {
    win.history.replaceState(win.history.state, '', pathname + search + (rest ? `#${rest}` : ''));
  } catch {
    // Sandboxed documents may refuse; the token is still used once.
  }
  return value.trim() || null;
}

/**
 * The secret of an emailed link (a password reset, a set-password link) for the element the link
 * opens: its `token` attribute, else the secret taken out of the address (`#<param>=…`) as soon
 * as the element is connected. `next()` hands each new secret out once, to be checked.
 */
export class LinkToken implements ReactiveController {
  private fromAddress: string | null = null;
  private checked: string | null | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { token: string },
    private readonly param: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Take the secret out of the address bar at once (it stays in memory only).
    this.fromAddress = takeFragmentParam(this.param) ?? this.fromAddress;
  }

  /** The secret in use: the `token` attribute, else the one from the address. */
  get value(): string | null {
    return this.host.token.trim() || this.fromAddress;
  }

  /** The secret (null: none) when it is not the one handed out last, which it then becomes; otherwise undefined. */
  next(): string | null | undefined {
    const token = this.value;
    if (token === this.checked) return undefined;
    this.checked = token;
    return token;
  }

  /** Whether `token` is still the secret handed out last (an answer about an older one is dropped). */
  isCurrent(token: string): boolean {
    return this.checked === token;
  }
}
