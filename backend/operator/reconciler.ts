// One reconcile of everything the operator owns, from the caches in OperatorWatches:
// - the MetalLB named `metallb` in the operator namespace: finalizer, render, server-side apply of
//   what changed, prune of what is no longer rendered, status conditions;
// - on its deletion: every operand object deleted (cluster-scoped ones verified gone) before the
//   finalizer is released;
// - any other MetalLB object: only its conditions (Degraded, NotSupported);
// - no instance at all: operand objects left behind are removed.
import { randomBytes } from 'node:crypto';
import type { V1DaemonSet, V1Deployment, V1Secret } from '@kubernetes/client-node';
import { FIELD_MANAGERS } from '../../api/operand';
import type { Condition, MetalLB } from '../../api/types';
import type { ApiClient } from '../../k8s/api-client';
import { errorMessage, isStatus } from '../../k8s/errors';
import type { Logger } from '../../k8s/log';
import { computeConditions, type ObservedState } from './conditions';
import { planChanges } from './diff';
import type { OperatorEnv } from './env';
import { Freshest } from './freshest';
import { installModeProblem } from './install-mode';
import { unsupportedInstance } from './instance';
import { MetalLBWriter, sameConditions } from './metallb-writes';
import { identity, refOf, type LiveObject, type ObjectRef, type OperandObject } from './operand';
import { belongsTo } from './ownership';
import { render, RenderError } from './render/index';
import { MEMBERLIST_SECRET_KEY, NAMES } from '../../api/operand';
import type { RunOutcome } from '../../k8s/serial-runner';
import type { OperatorSettings } from './settings';
import type { OperatorWatches } from './watches';

export interface ReconcilerDeps {
  client: ApiClient;
  namespace: string;
  log: Logger;
  settings: OperatorSettings;
  watches: OperatorWatches;
  /** `--dev`: the webhook registration belongs to the backend's webhook role (OperatorEnv). */
  dev?: boolean;
}

/** While rolling out, look again this often (the progress deadline needs a clock, not an event). */
const PROGRESSING_RECHECK_MS = 10_000;
/** Cluster-scoped objects still present after their delete (someone else's finalizer): check again. */
const TEARDOWN_RECHECK_MS = 1_000;

const refIdentity = (r: ObjectRef) =>
  identity({ apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace: r.namespace } });
const describe = (r: ObjectRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
/** RFC 3339 to the second, as Kubernetes writes condition times. */
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** A reconcile that failed after reporting why in the conditions; the runner retries it. */
export class ReconcileError extends Error {
  override name = 'ReconcileError';
}

export class Reconciler {
  private readonly writer: MetalLBWriter;
  private readonly freshest = new Freshest<MetalLB>();
  /** A memberlist key generated before the Secret could be written; reused until it exists. */
  private generatedKey: string | undefined;
  /** The install-mode problem last reported in the log. */
  private installProblem: string | undefined;
  /** Reconciles finished (successfully or not) with synced caches. */
  completed = 0;

  constructor(private readonly deps: ReconcilerDeps) {
    this.writer = new MetalLBWriter(deps.client);
  }

  private get ns(): string {
    return this.deps.namespace;
  }

  async reconcile(): Promise<RunOutcome | void> {
    const { watches } = this.deps;
    if (!watches.synced) return;
    try {
      const crs = watches.metallbs().map((cr) => this.freshest.get(cr));
      this.freshest.retain(crs.map((cr) => cr.metadata.uid ?? ''));
      const others = await this.reportUnsupported(crs.filter((cr) => unsupportedInstance(cr, this.ns)));
      const main = crs.find((cr) => !unsupportedInstance(cr, this.ns));
      let outcome: RunOutcome | void;
      if (!main) outcome = await this.removeOrphans();
      else if (main.metadata.deletionTimestamp) outcome = await this.teardown(main);
      else outcome = await this.reconcileInstance(main);
      if (others) throw others;
      return outcome;
    } finally {
      this.completed++;
    }
  }

  /** Any MetalLB but `metallb` in our namespace: conditions only, nothing deployed. */
  private async reportUnsupported(crs: MetalLB[]): Promise<unknown> {
    let failure: unknown;
    for (const cr of crs) {
      const conditions = computeConditions({ metallb: cr, operatorNamespace: this.ns, now: now() });
      await this.writeStatus(cr, conditions).catch((err: unknown) => {
        failure ??= err;
      });
    }
    return failure;
  }

  private async reconcileInstance(initial: MetalLB): Promise<RunOutcome> {
    let cr = initial;
    const { watches, settings, log } = this.deps;
    const operatorGroups = watches.operatorGroupList();
    const installProblem = installModeProblem(operatorGroups, this.ns);
    let error: ObservedState['error'];
    const applied = new Map<string, LiveObject>();

    // The finalizer first: cluster-scoped objects created without it would outlive the CR.
    if (!this.writer.hasFinalizer(cr)) {
      try {
        const updated = await this.writer.addFinalizer(cr);
        this.freshest.record(cr, updated);
        cr = updated;
      } catch (err) {
        // Changed or deleted meanwhile: the watch brings the new version, start again from it.
        if (isStatus(err, 409, 404)) return { requeueAfterMs: settings.debounceMs };
        error = { stage: 'apply', message: `cannot add finalizer: ${errorMessage(err)}` };
      }
    }

    if (installProblem !== this.installProblem) {
      if (installProblem)
        log.warn({ problem: installProblem }, 'unsupported install mode; not reconciling the operand');
      else log.info('install mode problem resolved; reconciling the operand');
      this.installProblem = installProblem;
    }
    // U1: refuse to deploy or change anything until fixed; what runs keeps running.
    if (!error && !installProblem) {
      error = await this.converge(cr, applied);
    }

    const controllerRef = this.ref('apps/v1', 'Deployment', NAMES.controller);
    const speakerRef = this.ref('apps/v1', 'DaemonSet', NAMES.speaker);
    const conditions = computeConditions({
      metallb: cr,
      operatorNamespace: this.ns,
      controller: (applied.get(refIdentity(controllerRef)) ?? watches.cached(controllerRef)) as V1Deployment,
      speaker: (applied.get(refIdentity(speakerRef)) ?? watches.cached(speakerRef)) as V1DaemonSet,
      operatorGroups,
      ...(error ? { error } : {}),
      now: now(),
      ...(settings.progressDeadlineSeconds
        ? { progressDeadlineSeconds: settings.progressDeadlineSeconds }
        : {}),
    });
    await this.writeStatus(cr, conditions);

    // Apply errors may be transient (a webhook down, a quota, a conflict): retried with backoff.
    // A render error needs a new spec, which comes as an event.
    if (error?.stage === 'apply') throw new ReconcileError(error.message);
    const progressing = conditions.some((c) => c.type === 'Progressing' && c.status === 'True');
    return { requeueAfterMs: progressing ? PROGRESSING_RECHECK_MS : settings.resyncIntervalMs };
  }

  /** Render, apply what differs, prune what is no longer rendered; the failure, if any. */
  private async converge(cr: MetalLB, applied: Map<string, LiveObject>): Promise<ObservedState['error']> {
    const { client, log } = this.deps;
    let desired: OperandObject[];
    try {
      desired = render(cr, await this.operatorEnv());
    } catch (err) {
      if (err instanceof RenderError) return { stage: 'render', message: err.message };
      return { stage: 'apply', message: errorMessage(err) };
    }
    let plan;
    try {
      plan = planChanges(desired, await this.liveObjects(desired));
    } catch (err) {
      return { stage: 'apply', message: `reading the operand: ${errorMessage(err)}` };
    }
    const errors: string[] = [];
    for (const obj of plan.apply) {
      const ref = refOf(obj);
      try {
        applied.set(
          identity(obj),
          await client.apply(obj as LiveObject, { fieldManager: FIELD_MANAGERS.operator }),
        );
        log.info({ object: describe(ref) }, 'applied');
      } catch (err) {
        errors.push(`apply ${describe(ref)}: ${errorMessage(err)}`);
      }
    }
    for (const ref of plan.delete) {
      try {
        await this.remove(ref);
        log.info({ object: describe(ref) }, 'deleted: no longer rendered');
      } catch (err) {
        errors.push(`delete ${describe(ref)}: ${errorMessage(err)}`);
      }
    }
    if (this.generatedKey && applied.has(refIdentity(this.ref('v1', 'Secret', NAMES.memberlistSecret)))) {
      this.generatedKey = undefined;
    }
    return errors.length > 0 ? { stage: 'apply', message: errors.join('; ') } : undefined;
  }

  /** Deleted MetalLB: remove the operand, then release the finalizer. */
  private async teardown(cr: MetalLB): Promise<RunOutcome | void> {
    const { log, settings } = this.deps;
    if (!this.writer.hasFinalizer(cr)) return;
    const targets = new Map(this.ownedObjects().map((o) => [identity(o), refOf(o)]));
    // Cluster-scoped objects by their rendered names too: found even if their labels were edited.
    for (const ref of this.clusterScopedRefs(cr)) {
      if (targets.has(refIdentity(ref))) continue;
      const live = await this.read(ref);
      if (live && belongsTo(live, this.ns, [])) targets.set(refIdentity(ref), ref);
    }
    const errors: string[] = [];
    for (const ref of targets.values()) {
      try {
        await this.remove(ref);
        log.info({ object: describe(ref) }, 'deleted: MetalLB instance removed');
      } catch (err) {
        errors.push(`delete ${describe(ref)}: ${errorMessage(err)}`);
      }
    }
    if (errors.length > 0) throw new ReconcileError(errors.join('; '));
    const clusterScoped = [...targets.values()].filter((r) => !r.namespace);
    const remaining = (await Promise.all(clusterScoped.map((r) => this.read(r)))).filter((o) => o);
    if (remaining.length > 0) {
      log.info(
        { remaining: remaining.map((o) => describe(refOf(o!))) },
        'waiting for cluster-scoped objects',
      );
      return { requeueAfterMs: TEARDOWN_RECHECK_MS };
    }
    try {
      this.freshest.record(cr, await this.writer.removeFinalizer(cr));
      log.info({ name: cr.metadata.name }, 'operand removed; finalizer released');
    } catch (err) {
      if (isStatus(err, 404)) return;
      if (isStatus(err, 409)) return { requeueAfterMs: settings.debounceMs };
      throw err;
    }
  }

  /** No supported instance: nothing of ours should exist (e.g. the finalizer was removed by hand). */
  private async removeOrphans(): Promise<void> {
    const orphans = this.ownedObjects().filter((o) => !o.metadata?.deletionTimestamp);
    const errors: string[] = [];
    for (const o of orphans) {
      const ref = refOf(o);
      try {
        await this.remove(ref);
        this.deps.log.info({ object: describe(ref) }, 'deleted: no MetalLB instance');
      } catch (err) {
        errors.push(`delete ${describe(ref)}: ${errorMessage(err)}`);
      }
    }
    if (errors.length > 0) throw new ReconcileError(errors.join('; '));
  }

  private async writeStatus(cr: MetalLB, conditions: Condition[]): Promise<void> {
    if (sameConditions(cr.status?.conditions, conditions)) return;
    const updated = await this.writer.writeConditions(cr, conditions);
    this.freshest.record(cr, updated);
    this.deps.log.info(
      {
        name: cr.metadata.name,
        conditions: Object.fromEntries(conditions.map((c) => [c.type, `${c.status} ${c.reason}`])),
      },
      'status updated',
    );
  }

  /** Our objects: everything labelled in the namespace, and the cluster-scoped ones of this install. */
  private ownedObjects(): LiveObject[] {
    const all = this.deps.watches.operandObjects();
    const clusterScoped = all.filter((o) => !o.metadata?.namespace);
    return all.filter((o) =>
      o.metadata?.namespace ? o.metadata.namespace === this.ns : belongsTo(o, this.ns, clusterScoped),
    );
  }

  /** The cached objects, plus each rendered one the cache lacks read by name (its labels may be gone). */
  private async liveObjects(desired: OperandObject[]): Promise<LiveObject[]> {
    const ours = this.ownedObjects();
    const known = new Set(ours.map(identity));
    const missing = desired.filter((d) => !known.has(identity(d)));
    const fetched = await Promise.all(missing.map((d) => this.read(refOf(d))));
    return [...ours, ...fetched.filter((o): o is LiveObject => o !== undefined)];
  }

  private clusterScopedRefs(cr: MetalLB): ObjectRef[] {
    try {
      return render(cr, this.baseEnv())
        .filter((o) => !o.metadata.namespace)
        .map(refOf);
    } catch {
      return [];
    }
  }

  private baseEnv(): OperatorEnv {
    const { settings, watches } = this.deps;
    return {
      namespace: this.ns,
      controllerImage: settings.controllerImage,
      speakerImage: settings.speakerImage,
      ...(settings.consolePluginImage ? { consolePluginImage: settings.consolePluginImage } : {}),
      version: settings.version,
      hasConsolePluginAPI: watches.hasConsolePluginAPI,
      ...(this.deps.dev ? { webhooksRegisteredByBackend: true } : {}),
    };
  }

  private async operatorEnv(): Promise<OperatorEnv> {
    return { ...this.baseEnv(), memberlistSecretKey: await this.memberlistKey() };
  }

  /** The existing key (never rotated by us), else 128 random bytes generated once. */
  private async memberlistKey(): Promise<string> {
    const ref = this.ref('v1', 'Secret', NAMES.memberlistSecret);
    const secret = (this.deps.watches.cached(ref) ?? (await this.read(ref))) as V1Secret | undefined;
    const existing = secret?.data?.[MEMBERLIST_SECRET_KEY];
    if (existing) return existing;
    this.generatedKey ??= randomBytes(128).toString('base64');
    return this.generatedKey;
  }

  private ref(apiVersion: string, kind: string, name: string): ObjectRef {
    return { apiVersion, kind, namespace: this.ns, name };
  }

  private async read(ref: ObjectRef): Promise<LiveObject | undefined> {
    try {
      return await this.deps.client.find<LiveObject>(await this.pathOf(ref));
    } catch (err) {
      if (isStatus(err, 404)) return undefined; // the kind itself is not served
      throw err;
    }
  }

  /** Delete, letting the garbage collector remove pods and ReplicaSets; already gone is fine. */
  private async remove(ref: ObjectRef): Promise<void> {
    try {
      await this.deps.client.delete(await this.pathOf(ref), { query: { propagationPolicy: 'Background' } });
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
  }

  private pathOf(ref: ObjectRef): Promise<string> {
    const { apiVersion, kind, name, namespace } = ref;
    return this.deps.client.pathOf({
      apiVersion,
      kind,
      metadata: { name, ...(namespace ? { namespace } : {}) },
    });
  }
}
