// render: the MetalLB object and the operator's environment in, the complete operand out.
// Pure and deterministic: same input, same objects in the same order, no timestamps, so
// reapplying after an operator restart changes nothing and rolls no pod.
import type { MetalLB } from '../../../api/types';
import type { OperatorEnv } from '../env';
import { contentHash } from '../hash';
import type { OperandObject } from '../operand';
import { consolePluginObjects } from './console-plugin';
import { controllerDeployment } from './controller-deployment';
import { rbac, serviceAccounts } from './rbac';
import { services } from './services';
import { excludeL2ConfigMap, memberlistSecret } from './speaker-config';
import { speakerDaemonSet } from './speaker-daemonset';
import { webhookConfiguration } from './webhook-configuration';

/** Hash of the rendered content: tells the diff when a field we used to set has been dropped. */
export const RENDERED_HASH_ANNOTATION = 'metallb.io/rendered-hash';

export class RenderError extends Error {
  override name = 'RenderError';
}

function check(cr: MetalLB, env: OperatorEnv): void {
  const missing = (['namespace', 'controllerImage', 'speakerImage', 'version'] as const).filter(
    (k) => !env[k],
  );
  if (missing.length > 0) throw new RenderError(`operator environment lacks ${missing.join(', ')}`);
  if (!cr.metadata.name || !cr.metadata.uid) {
    throw new RenderError(
      'the MetalLB object has no name or uid; render the object as read from the API server',
    );
  }
  // Owner references cannot cross namespaces: the garbage collector would delete the operand.
  if (cr.metadata.namespace !== env.namespace) {
    throw new RenderError(
      `MetalLB ${cr.metadata.namespace}/${cr.metadata.name} is outside the operator namespace ${env.namespace}`,
    );
  }
}

/** Drops undefined members so the apply body and deep comparisons see only what we set. */
function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
  return out as T;
}

function stamp(obj: OperandObject): OperandObject {
  const o = clean(obj);
  const hash = contentHash(o);
  o.metadata.annotations = { ...o.metadata.annotations, [RENDERED_HASH_ANNOTATION]: hash };
  return o;
}

/**
 * The operand in apply order: identities and RBAC first, then configuration, Services, workloads,
 * the webhook configuration (after the Service it calls; not in dev mode, see OperatorEnv), and the
 * console plugin when the API exists.
 */
export function render(cr: MetalLB, env: OperatorEnv): OperandObject[] {
  check(cr, env);
  const secret = memberlistSecret(cr, env);
  const objects = [
    ...serviceAccounts(cr, env),
    ...rbac(cr, env),
    excludeL2ConfigMap(cr, env),
    ...(secret ? [secret] : []),
    ...services(cr, env),
    controllerDeployment(cr, env),
    speakerDaemonSet(cr, env),
    ...(env.webhooksRegisteredByBackend ? [] : [webhookConfiguration(env)]),
    ...(env.hasConsolePluginAPI ? consolePluginObjects(cr, env) : []),
  ];
  return objects.map((o) => stamp(o as OperandObject));
}

export { NAMES, PORTS, ENV } from '../../../api/operand';
export { OPERAND_SELECTOR } from './labels';
export { MANAGED_KINDS, type ManagedKind } from './kinds';
