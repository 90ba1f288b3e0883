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
