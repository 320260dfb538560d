// consoleFetch for the standalone host: the backend's REST API is reached directly, so the
// console's plugin-proxy prefix is stripped, as the bridge would do; the user's token is added.
import type { ConsoleFetch, ConsoleFetchJSON, ConsoleFetchText } from '@openshift-console/dynamic-plugin-sdk';
import { authHeaders, notifyUnauthorized } from './auth';
import { errorFromResponse } from './http-error';

const PROXY_PREFIX = '/api/proxy/plugin/metallb-console-plugin/backend/';

export function rewriteUrl(url: string): string {
  return url.startsWith(PROXY_PREFIX) ? `/${url.slice(PROXY_PREFIX.length)}` : url;
}

export const consoleFetch: ConsoleFetch = async (url, options = {}, timeout = 60_000) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  options.signal?.addEventListener('abort', () => controller.abort());
  try {
    const res = await fetch(rewriteUrl(url), {
      ...options,
      headers: { ...authHeaders(), ...(options.headers as Record<string, string> | undefined) },
      signal: controller.signal,
    });
    if (res.status === 401) notifyUnauthorized();
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  } finally {
    clearTimeout(timer);
  }
};

function withBody(method: string, json: unknown, options: RequestInit = {}): RequestInit {
  const contentType = method === 'PATCH' ? 'application/json-patch+json' : 'application/json';
  return {
    ...options,
    method,
    headers: { 'Content-Type': contentType, ...(options.headers as Record<string, string> | undefined) },
    body: JSON.stringify(json),
  };
}

async function json(res: Response) {
  const text = await res.text();
  return text ? JSON.parse(text) : {};
}

const fetchJSON = (async (url: string, method = 'GET', options: RequestInit = {}, timeout?: number) =>
  json(await consoleFetch(url, { ...options, method }, timeout))) as ConsoleFetchJSON;
fetchJSON.delete = async (url, json_ = null, options = {}, timeout) =>
  json(
    await consoleFetch(
      url,
      json_ ? withBody('DELETE', json_, options) : { ...options, method: 'DELETE' },
      timeout,
    ),
  );
fetchJSON.post = async (url, body, options = {}, timeout) =>
  json(await consoleFetch(url, withBody('POST', body, options), timeout));
fetchJSON.put = async (url, body, options = {}, timeout) =>
  json(await consoleFetch(url, withBody('PUT', body, options), timeout));
fetchJSON.patch = async (url, body, options = {}, timeout) =>
  json(await consoleFetch(url, withBody('PATCH', body, options), timeout));
export const consoleFetchJSON = fetchJSON;

export const consoleFetchText: ConsoleFetchText = async (url, options, timeout) =>
  (await consoleFetch(url, options, timeout)).text();
