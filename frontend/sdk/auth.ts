// The standalone host's credentials: a bearer token kept for the browser session, sent on every
// request to the backend. In the console the bridge adds the user's token itself.
const KEY = 'metallb-ui-token';
const listeners = new Set<() => void>();

export function getToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function setToken(token: string | undefined): void {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Called when the backend answers 401: the host shows its login page again. */
export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyUnauthorized(): void {
  listeners.forEach((l) => l());
}
