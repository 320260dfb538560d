// ServiceL2Status / ServiceBGPStatus of one node: created (generateName `l2-` / `bgp-`, labels by
// node and Service, owned by the speaker Pod), their status kept equal to the desired content, and
// deleted when no longer desired. Only objects labelled with this node are ever touched.
import type { OwnerReference, ServiceStatusCommon } from '../../api/types';
import { isStatus, MERGE_PATCH, type KubeClient } from '../../backend/k8s/kube-client';
import type { Logger } from '../../backend/log';
import { NODE_LABEL, SERVICE_NAME_LABEL, SERVICE_NAMESPACE_LABEL } from './labels';
import { statusPatch } from './status-patch';

export interface ServiceStatusKind {
  kind: 'ServiceL2Status' | 'ServiceBGPStatus';
  plural: 'servicel2statuses' | 'servicebgpstatuses';
  generateName: 'l2-' | 'bgp-';
}

export const L2_STATUS: ServiceStatusKind = {
  kind: 'ServiceL2Status',
  plural: 'servicel2statuses',
  generateName: 'l2-',
};
export const BGP_STATUS: ServiceStatusKind = {
  kind: 'ServiceBGPStatus',
  plural: 'servicebgpstatuses',
  generateName: 'bgp-',
};

export interface ServiceStatusWriterOptions {
  namespace: string;
  node: string;
  kind: ServiceStatusKind;
  /** The speaker Pod: the objects go away with it. */
  owner?: OwnerReference;
  log?: Logger;
}

export interface ReconcileCounts {
  created: number;
  updated: number;
  deleted: number;
}

interface StatusObject<S> {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
  status?: S;
}

export class ServiceStatusWriter<S extends ServiceStatusCommon> {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: KubeClient,
    private readonly opts: ServiceStatusWriterOptions,
  ) {}

  private get collection(): string {
    return `/apis/metallb.io/v1beta1/namespaces/${this.opts.namespace}/${this.opts.kind.plural}`;
  }

  /**
   * Makes this node's objects match `desired` (status content by `namespace/name` of the Service).
   * Calls run one after the other; each lists the node's objects afresh.
   */
  reconcile(desired: ReadonlyMap<string, S>): Promise<ReconcileCounts> {
    const snapshot = new Map(desired);
    const run = this.chain.then(() => this.run(snapshot));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async run(desired: ReadonlyMap<string, S>): Promise<ReconcileCounts> {
    const counts: ReconcileCounts = { created: 0, updated: 0, deleted: 0 };
    const selector = encodeURIComponent(`${NODE_LABEL}=${this.opts.node}`);
    const list = await this.client.request<{ items: StatusObject<S>[] }>(
      'GET',
      `${this.collection}?labelSelector=${selector}`,
    );
    const byService = new Map<string, StatusObject<S>[]>();
    for (const obj of list.items) {
      if (obj.metadata.deletionTimestamp) continue;
      const l = obj.metadata.labels ?? {};
      const key = `${l[SERVICE_NAMESPACE_LABEL] ?? ''}/${l[SERVICE_NAME_LABEL] ?? ''}`;
      let group = byService.get(key);
      if (!group) byService.set(key, (group = []));
      group.push(obj);
    }
    for (const [key, status] of desired) {
      const [keep, ...extra] = (byService.get(key) ?? []).sort(oldestFirst);
      byService.delete(key);
      for (const obj of extra) if (await this.remove(obj.metadata.name)) counts.deleted++;
      const name = keep ? keep.metadata.name : await this.create(status);
      const patch = statusPatch(keep?.status, status);
      if (patch) {
        await this.client.request(
          'PATCH',
          `${this.collection}/${name}/status`,
          { status: patch },
          MERGE_PATCH,
        );
      }
      if (!keep) counts.created++;
      else if (patch) counts.updated++;
    }
    for (const group of byService.values()) {
      for (const obj of group) if (await this.remove(obj.metadata.name)) counts.deleted++;
    }
    if (counts.created + counts.updated + counts.deleted > 0) {
      this.opts.log?.debug({ kind: this.opts.kind.kind, ...counts }, 'service status objects reconciled');
    }
    return counts;
  }

  private async create(status: S): Promise<string> {
    const body = {
      apiVersion: 'metallb.io/v1beta1',
      kind: this.opts.kind.kind,
      metadata: {
        generateName: this.opts.kind.generateName,
        namespace: this.opts.namespace,
        labels: {
          [NODE_LABEL]: this.opts.node,
          [SERVICE_NAME_LABEL]: status.serviceName ?? '',
          [SERVICE_NAMESPACE_LABEL]: status.serviceNamespace ?? '',
        },
        ...(this.opts.owner ? { ownerReferences: [this.opts.owner] } : {}),
      },
      spec: {},
    };
    const created = await this.client.request<StatusObject<S>>('POST', this.collection, body);
    return created.metadata.name;
  }

  /** Deletes one object; false when it was already gone. */
  private async remove(name: string): Promise<boolean> {
    try {
      await this.client.request('DELETE', `${this.collection}/${name}`);
      return true;
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
  }
}

function oldestFirst<S>(a: StatusObject<S>, b: StatusObject<S>): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : a.metadata.name < b.metadata.name ? -1 : 1;
}
