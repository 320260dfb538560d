import { request, type RequestOptions } from 'node:https';
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { parseStatus } from './errors';

/** Our field manager for server-side apply: the fields we own are recorded under this name. */
export const FIELD_MANAGER = 'metallb-ts';

/** Exposes the discovery-backed URL builder client-node keeps protected. */
class ResourcePaths extends KubernetesObjectApi {
  path(obj: KubernetesObject): Promise<string> {
    return this.specUriPath(obj, 'patch');
  }
}

export class ApplyError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly body: string,
  ) {
    super(message);
  }
}

const pathCache = new WeakMap<KubeConfig, ResourcePaths>();

/**
 * Server-side apply of one object (create or update the fields we own), forcing ownership so a
 * manual edit of one of our fields is reverted rather than refused as a conflict.
 *
 * The body is sent as the JSON we built, not through client-node's typed models: those rename
 * fields such as `default` and `x-kubernetes-validations` in CRD schemas and would silently drop
 * them from a plain object.
 */
export async function apply<T extends KubernetesObject>(
  kc: KubeConfig,
  obj: T,
  fieldManager = FIELD_MANAGER,
): Promise<T> {
  let paths = pathCache.get(kc);
  if (!paths) {
    paths = kc.makeApiClient(ResourcePaths);
    pathCache.set(kc, paths);
  }
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('no current cluster in the kubeconfig');
  const url = new URL(`${server}${await paths.path(obj)}`);
  url.searchParams.set('fieldManager', fieldManager);
  url.searchParams.set('force', 'true');
  const body = JSON.stringify(obj);
  const opts: RequestOptions = {
    method: 'PATCH',
    headers: {
      'content-type': 'application/apply-patch+yaml',
      accept: 'application/json',
      'content-length': Buffer.byteLength(body),
    },
  };
  await kc.applyToHTTPSOptions(opts);
  return new Promise<T>((resolve, reject) => {
    const req = request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode && res.statusCode < 300) {
          resolve(JSON.parse(text) as T);
          return;
        }
        const { message } = parseStatus(text);
        reject(
          new ApplyError(res.statusCode ?? 0, `apply ${obj.kind} ${obj.metadata?.name}: ${message}`, text),
        );
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
