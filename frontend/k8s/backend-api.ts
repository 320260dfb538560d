// The backend's REST API, reached through the console's plugin proxy (alias `backend`, the user's
// token forwarded); the standalone host strips the proxy prefix and talks to the backend directly.
import { useCallback, useEffect, useState } from 'react';
import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';

export const BACKEND_PROXY = '/api/proxy/plugin/metallb-console-plugin/backend';

export interface Polled<T> {
  data: T | undefined;
  error: unknown;
  loaded: boolean;
  refresh: () => void;
}

/** GETs `path` now and every `intervalMs` while mounted. */
export function useBackendJSON<T>(path: string, intervalMs = 10_000): Polled<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loaded, setLoaded] = useState(false);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      consoleFetchJSON(`${BACKEND_PROXY}${path}`)
        .then((d: T) => {
          if (cancelled) return;
          setData(d);
          setError(undefined);
          setLoaded(true);
        })
        .catch((e: unknown) => {
          if (cancelled) return;
          setError(e);
          setLoaded(true);
        });
    void load();
    const timer = setInterval(() => void load(), intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [path, intervalMs, tick]);
  return { data, error, loaded, refresh };
}
