// The one error every apiserver call fails with: the HTTP status (0 when no answer came), the
// apiserver's reason, and its own message rather than a dump of the response.

/** Reasons of failures that had no HTTP answer. */
export type TransportReason = 'Timeout' | 'Aborted' | 'ConnectionFailed';

/**
 * The message is the apiserver's own (its Status.message, which names the object) for an error
 * answer, and says what failed for a request that got none; `request` says which call it was.
 */
export class KubeError extends Error {
  override readonly name = 'KubeError';
  constructor(
    /** The HTTP status, 0 when the request got no answer (timeout, abort, connection failure). */
    readonly status: number,
    message: string,
    /** The Status object's reason (`NotFound`, `Conflict`, `Expired`, ...) or a TransportReason. */
    readonly reason?: string,
    /** `METHOD /path` of the failed call. */
    readonly request?: string,
  ) {
    super(message);
  }
}

/** Whether `err` is a KubeError with one of these HTTP statuses. */
export function isStatus(err: unknown, ...codes: number[]): boolean {
  return err instanceof KubeError && codes.includes(err.status);
}

/** The HTTP status of a KubeError, undefined for any other error. */
export function statusOf(err: unknown): number | undefined {
  return err instanceof KubeError ? err.status : undefined;
}

/** A one-line message for logs and conditions, whatever was thrown. */
export function errorMessage(err: unknown): string {
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
