// Which resource serves an apiVersion + kind, from the apiserver's discovery documents. Only for
// kinds outside our own table (api/kinds.ts); answers are kept briefly, so an API installed later
// (OLM, the console) is seen without a restart.
import type { ResourceKind } from '../api/kinds';

interface APIResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

const TTL_MS = 30_000;

export function discoveryPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** The resource of `kind` in a discovery document, subresources excluded. */
export function findResource(
  apiVersion: string,
  kind: string,
  list: APIResourceList,
): ResourceKind | undefined {
  const r = list.resources?.find((x) => x.kind === kind && !x.name.includes('/'));
  if (!r) return undefined;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return { group: group!, version: version!, kind, plural: r.name, namespaced: r.namespaced };
}

export class DiscoveryCache {
  private readonly lists = new Map<string, { at: number; list: APIResourceList | undefined }>();

  /** `fetch` resolves with the document, or undefined when the group/version is not served. */
  constructor(private readonly fetch: (path: string) => Promise<APIResourceList | undefined>) {}

  async resource(apiVersion: string, kind: string, fresh = false): Promise<ResourceKind | undefined> {
    let entry = this.lists.get(apiVersion);
    const stale = !entry || fresh || Date.now() - entry.at > TTL_MS;
    if (!stale) {
      const hit = findResource(apiVersion, kind, entry!.list ?? {});
      if (hit) return hit;
    }
    entry = { at: Date.now(), list: await this.fetch(discoveryPath(apiVersion)) };
    this.lists.set(apiVersion, entry);
    return findResource(apiVersion, kind, entry.list ?? {});
  }
}
