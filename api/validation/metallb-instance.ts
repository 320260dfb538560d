// The operator's MetalLB CR: tolerations, affinity weights, enums and label syntax, as the
// operator's webhook checks them (plus the pod-spec rules the apiserver would only apply later,
// when the operator creates the controller Deployment and speaker DaemonSet).
import type { DeploymentConfig, MetalLB, Toleration } from '../types';
import { IssueCollector, type ObjectRef, type ValidationResult } from './issues';
import { labelKeyProblem, labelValueProblem } from './label-syntax';
import { nameOf } from './object-names';

export const METALLB_INSTANCE_NAME = 'metallb';
export const LOG_LEVELS = ['all', 'debug', 'info', 'warn', 'error', 'none'] as const;
export const BGP_BACKENDS = ['native', 'frr', 'frr-k8s', 'frr-k8s-external'] as const;
export const TOLERATION_OPERATORS = ['Exists', 'Equal'] as const;
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
/** A label-style class name with an optional DNS prefix, as upstream's CRD pattern. */
export const LOAD_BALANCER_CLASS_PATTERN =
  '^([a-z0-9A-Z]([\\w.\\-]*[a-z0-9A-Z])?/)?[a-z0-9A-Z]([\\w.\\-]*[a-z0-9A-Z])?$';
/** Kubernetes resource.Quantity syntax. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

function checkTolerations(ref: ObjectRef, list: Toleration[] | undefined, path: string, out: IssueCollector) {
  (list ?? []).forEach((t, i) => {
    const at = `${path}[${i}]`;
    const op = t.operator ?? '';
    if (op !== '' && !(TOLERATION_OPERATORS as readonly string[]).includes(op)) {
      out.error(
        ref,
        `${at}.operator`,
        `invalid toleration operator ${JSON.stringify(op)}: must be Exists or Equal`,
      );
    }
    const effect = t.effect ?? '';
    if (effect !== '' && !(TAINT_EFFECTS as readonly string[]).includes(effect)) {
      out.error(
        ref,
        `${at}.effect`,
        `invalid toleration effect ${JSON.stringify(effect)}: must be NoSchedule, PreferNoSchedule or NoExecute (or empty for all)`,
      );
    }
    if (t.key) {
      const p = labelKeyProblem(t.key);
      if (p) out.error(ref, `${at}.key`, p);
    } else if (op !== 'Exists') {
      out.error(
        ref,
        `${at}.operator`,
        'operator must be Exists when key is empty (a toleration of every taint)',
      );
    }
    if (op === 'Exists' && t.value) {
      out.error(ref, `${at}.value`, 'value must be empty when operator is Exists');
    } else if (t.value) {
      const p = labelValueProblem(t.value);
      if (p) out.error(ref, `${at}.value`, p);
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) {
      if (!Number.isInteger(t.tolerationSeconds)) {
        out.error(ref, `${at}.tolerationSeconds`, 'tolerationSeconds must be an integer');
      } else if (t.tolerationSeconds > 0 && effect !== 'NoExecute') {
        out.error(ref, `${at}.effect`, 'effect must be NoExecute when tolerationSeconds is set');
      }
    }
  });
}

interface WeightedTerm {
  weight?: unknown;
}

function checkWeights(ref: ObjectRef, terms: unknown, path: string, out: IssueCollector) {
  if (!Array.isArray(terms)) return;
  (terms as WeightedTerm[]).forEach((t, i) => {
    const w = t?.weight;
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 100) {
      out.error(
        ref,
        `${path}[${i}].weight`,
        `invalid weight ${String(w)} for a preferred scheduling term: must be an integer in 1-100`,
      );
    }
  });
}

function checkDeploymentConfig(
  ref: ObjectRef,
  cfg: DeploymentConfig | undefined,
  path: string,
  out: IssueCollector,
) {
  if (!cfg) return;
  const affinity = (cfg.affinity ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const preferred = 'preferredDuringSchedulingIgnoredDuringExecution';
  for (const kind of ['nodeAffinity', 'podAffinity', 'podAntiAffinity']) {
    checkWeights(ref, affinity[kind]?.[preferred], `${path}.affinity.${kind}.${preferred}`, out);
  }
  for (const part of ['limits', 'requests'] as const) {
    for (const [name, q] of Object.entries(cfg.resources?.[part] ?? {})) {
      if (!new RegExp(QUANTITY_PATTERN).test(String(q))) {
        out.error(
          ref,
          `${path}.resources.${part}[${JSON.stringify(name)}]`,
          `invalid quantity ${JSON.stringify(q)}`,
        );
      }
    }
  }
  for (const key of Object.keys(cfg.annotations ?? {})) {
    const p = labelKeyProblem(key);
    if (p) out.error(ref, `${path}.annotations`, p.replace('label key', 'annotation key'));
  }
}

function checkNodeSelector(
  ref: ObjectRef,
  sel: Record<string, string> | undefined,
  path: string,
  out: IssueCollector,
) {
  for (const [k, v] of Object.entries(sel ?? {})) {
    const p = labelKeyProblem(k) ?? labelValueProblem(String(v));
    if (p) out.error(ref, `${path}[${JSON.stringify(k)}]`, p);
  }
}

/** Validates a MetalLB CR on its own (the single-instance name rule is the webhook's, on create). */
export function validateMetalLB(obj: MetalLB): ValidationResult {
  const out = new IssueCollector();
  const ref: ObjectRef = { kind: 'MetalLB', name: nameOf(obj) };
  const spec = obj.spec ?? {};
  if (spec.logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(spec.logLevel)) {
    out.error(
      ref,
      'spec.logLevel',
      `invalid logLevel ${JSON.stringify(spec.logLevel)}: must be one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  if (spec.bgpBackend !== undefined && !(BGP_BACKENDS as readonly string[]).includes(spec.bgpBackend)) {
    out.error(
      ref,
      'spec.bgpBackend',
      `Invalid BGP Backend ${JSON.stringify(spec.bgpBackend)}, must be one of ${BGP_BACKENDS.join(', ')}`,
    );
  }
  if (spec.loadBalancerClass && !new RegExp(LOAD_BALANCER_CLASS_PATTERN).test(spec.loadBalancerClass)) {
    out.error(
      ref,
      'spec.loadBalancerClass',
      `invalid loadBalancerClass ${JSON.stringify(spec.loadBalancerClass)}: must be a label-style name with an optional prefix, e.g. "example.com/internal-vip"`,
    );
  }
  checkNodeSelector(ref, spec.nodeSelector, 'spec.nodeSelector', out);
  checkNodeSelector(ref, spec.controllerNodeSelector, 'spec.controllerNodeSelector', out);
  checkTolerations(ref, spec.speakerTolerations, 'spec.speakerTolerations', out);
  checkTolerations(ref, spec.controllerTolerations, 'spec.controllerTolerations', out);
  checkDeploymentConfig(ref, spec.controllerConfig, 'spec.controllerConfig', out);
  checkDeploymentConfig(ref, spec.speakerConfig, 'spec.speakerConfig', out);
  return out.result;
}
