// useK8sWatchResource: a list or one named object, kept current by a shared ListWatch.
import { useMemo, useSyncExternalStore } from 'react';
import type {
  K8sResourceCommon,
  UseK8sWatchResource,
  WatchK8sResource,
} from '@openshift-console/dynamic-plugin-sdk';
import { apiPath, resolveResource } from './discovery';
import { HttpError } from './http-error';
import { ListWatch, type Snapshot } from './list-watch';
import { selectorToString } from './selector';

const IDLE_MS = 10_000;
const watches = new Map<string, ListWatch>();

function keyOf(r: WatchK8sResource): string {
  const gvk = r.groupVersionKind;
  return JSON.stringify([
    gvk?.group,
    gvk?.version,
    gvk?.kind,
    r.namespace,
    r.name,
    r.isList,
    r.selector,
    r.fieldSelector,
    r.limit,
  ]);
}

async function listUrl(r: WatchK8sResource): Promise<string> {
  if (!r.groupVersionKind) throw new Error('useK8sWatchResource needs groupVersionKind');
  const info = await resolveResource(r.groupVersionKind);
  let url = apiPath(r.groupVersionKind);
  if (info.namespaced && r.namespace) url += `/namespaces/${encodeURIComponent(r.namespace)}`;
  url += `/${info.plural}`;
  const q = new URLSearchParams();
  const fields = [r.fieldSelector, r.name ? `metadata.name=${r.name}` : undefined].filter(Boolean);
  if (fields.length) q.set('fieldSelector', fields.join(','));
  const labels = selectorToString(r.selector);
  if (labels) q.set('labelSelector', labels);
  if (r.limit) q.set('limit', String(r.limit));
  const qs = q.toString();
  return qs ? `${url}?${qs}` : url;
}

function acquire(key: string, r: WatchK8sResource): ListWatch {
  let w = watches.get(key);
  if (!w) {
    w = new ListWatch(() => listUrl(r));
    watches.set(key, w);
  }
  return w;
}

function releaseLater(key: string, w: ListWatch) {
  setTimeout(() => {
    if (w.idle && watches.get(key) === w) {
      w.stop();
      watches.delete(key);
    }
  }, IDLE_MS);
}

const EMPTY: Snapshot = { items: [], loaded: false, loadError: undefined };
const noSubscribe = () => () => undefined;

export const useK8sWatchResource: UseK8sWatchResource = <R extends K8sResourceCommon | K8sResourceCommon[]>(
  resource: WatchK8sResource | null,
) => {
  const key = resource ? keyOf(resource) : '';
  // The watch for this key; `resource` is captured once per key, as the console does.
  const watch = useMemo(() => (resource ? acquire(key, resource) : undefined), [key]);
  const subscribe = useMemo(
    () =>
      watch
        ? (l: () => void) => {
            const off = watch.subscribe(l);
            return () => {
              off();
              releaseLater(key, watch);
            };
          }
        : noSubscribe,
    [watch, key],
  );
  const snap = useSyncExternalStore(subscribe, watch ? watch.getSnapshot : () => EMPTY);
  return useMemo(() => {
    if (!resource || resource.isList || !resource.name) return [snap.items as R, snap.loaded, snap.loadError];
    const obj = snap.items[0];
    const notFound = snap.loaded && !snap.loadError && !obj ? new HttpError('Not found', 404) : undefined;
    return [(obj ?? {}) as R, snap.loaded, snap.loadError ?? notFound];
  }, [snap, resource?.isList, resource?.name]);
};
