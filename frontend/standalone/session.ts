// Who the standalone UI acts as: the backend reports whether the request's bearer token (or, in
// development, its own kubeconfig credentials) is accepted by the apiserver.
import { authHeaders } from '../sdk/auth';

export interface Session {
  authenticated: boolean;
  /** The backend acts with its own kubeconfig credentials (development only). */
  devCredentials: boolean;
  user?: string;
  namespace: string;
}

export async function fetchSession(): Promise<Session> {
  const res = await fetch('/api/v1/session', { headers: authHeaders() });
  if (!res.ok && res.status !== 401) throw new Error(`session check failed: HTTP ${res.status}`);
  return (await res.json()) as Session;
}
