/** The HTTP status of a client-node ApiException (or undefined for non-HTTP errors). */
export function apiStatus(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The apiserver's own message (its Status.message) from a client-node ApiException, instead of
 * the exception's multi-line dump of body and headers.
 */
export function apiMessage(err: unknown): string {
  const body = (err as { body?: unknown })?.body;
  if (typeof body === 'string') {
    try {
      const status = JSON.parse(body) as { message?: string };
      if (status.message) return status.message;
    } catch {
      // not JSON: fall through
    }
  }
  if (body && typeof body === 'object' && 'message' in body)
    return String((body as { message: unknown }).message);
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

/**
 * The message (and reason) of the Status object an apiserver answered a failed request with; the
 * body's text itself when it is not one.
 */
export function parseStatus(text: string): { message: string; reason?: string } {
  try {
    const s = JSON.parse(text) as { message?: string; reason?: string };
    return { message: s.message ?? text, reason: s.reason };
  } catch {
    return { message: text };
  }
}
