// ServiceL2Status / ServiceBGPStatus of one node: created (generateName `l2-` / `bgp-`, labels by
// node and Service, owned by the speaker Pod), their status kept equal to the desired content, and
// deleted when no longer desired. Only objects labelled with this node are ever touched.
import { apiVersionOf, METALLB_KINDS, resourcePath, type ResourceKind } from '../../api/kinds';
import { STATUS_LABELS } from '../../api/operand';
import type { OwnerReference, ServiceStatusCommon } from '../../api/types';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';
import type { Logger } from '../../k8s/log';
import { statusPatch } from './status-patch';

export interface ServiceStatusKind {
  resource: ResourceKind;
  generateName: 'l2-' | 'bgp-';
}

export const L2_STATUS: ServiceStatusKind = { resource: METALLB_KINDS.ServiceL2Status, generateName: 'l2-' };
export const BGP_STATUS: ServiceStatusKind = {
  resource: METALLB_KINDS.ServiceBGPStatus,
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
    private readonly client: ApiClient,
    private readonly opts: ServiceStatusWriterOptions,
  ) {}

  private path(name?: string, subresource?: 'status'): string {
    return resourcePath(this.opts.kind.resource, { namespace: this.opts.namespace, name, subresource });
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
    const list = await this.client.list<StatusObject<S>>(this.path(), {
      labelSelector: `${STATUS_LABELS.node}=${this.opts.node}`,
    });
    const byService = new Map<string, StatusObject<S>[]>();
    for (const obj of list.items) {
      if (obj.metadata.deletionTimestamp) continue;
      const l = obj.metadata.labels ?? {};
      const key = `${l[STATUS_LABELS.serviceNamespace] ?? ''}/${l[STATUS_LABELS.serviceName] ?? ''}`;
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
      if (patch) await this.client.mergePatch(this.path(name, 'status'), { status: patch });
      if (!keep) counts.created++;
      else if (patch) counts.updated++;
    }
    for (const group of byService.values()) {
      for (const obj of group) if (await this.remove(obj.metadata.name)) counts.deleted++;
    }
    if (counts.created + counts.updated + counts.deleted > 0) {
      this.opts.log?.debug(
        { kind: this.opts.kind.resource.kind, ...counts },
        'service status objects reconciled',
      );
    }
    return counts;
  }

  private async create(status: S): Promise<string> {
    const body = {
      apiVersion: apiVersionOf(this.opts.kind.resource),
      kind: this.opts.kind.resource.kind,
      metadata: {
        generateName: this.opts.kind.generateName,
        namespace: this.opts.namespace,
        labels: {
          [STATUS_LABELS.node]: this.opts.node,
          [STATUS_LABELS.serviceName]: status.serviceName ?? '',
          [STATUS_LABELS.serviceNamespace]: status.serviceNamespace ?? '',
        },
        ...(this.opts.owner ? { ownerReferences: [this.opts.owner] } : {}),
      },
      spec: {},
    };
    const created = await this.client.create<StatusObject<S>>(this.path(), body);
    return created.metadata.name;
  }

  /** Deletes one object; false when it was already gone. */
  private async remove(name: string): Promise<boolean> {
    try {
      await this.client.delete(this.path(name));
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
