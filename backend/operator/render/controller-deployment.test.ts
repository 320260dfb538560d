import { describe, expect, it } from 'vitest';
import {
  env,
  metallb,
  SEED_CPU_LIMITS,
  SEED_PLAIN,
  SEED_PRIORITY_AFFINITY,
  SEED_WORKERS,
} from '../test-fixtures';
import { controllerDeployment } from './controller-deployment';

const podSpec = (yaml: string) => controllerDeployment(metallb(yaml), env).spec!.template.spec!;
const container = (yaml: string) => podSpec(yaml).containers[0]!;
const envValue = (yaml: string, name: string) => container(yaml).env?.find((e) => e.name === name)?.value;

describe('controller Deployment', () => {
  it('is one replica named controller in the operator namespace, running the controller image', () => {
    const d = controllerDeployment(metallb(SEED_PLAIN), env);
    expect(d.metadata).toMatchObject({ name: 'controller', namespace: 'metallb-system' });
    expect(d.spec?.replicas).toBe(1);
    expect(container(SEED_PLAIN).image).toBe(env.controllerImage);
    expect(podSpec(SEED_PLAIN).serviceAccountName).toBe('controller');
  });

  it('selects its pods by upstream labels, which the pod template carries', () => {
    const d = controllerDeployment(metallb(SEED_PLAIN), env);
    expect(d.spec?.selector.matchLabels).toEqual({ app: 'metallb', component: 'controller' });
    expect(d.spec?.template.metadata?.labels).toMatchObject({ app: 'metallb', component: 'controller' });
  });

  it('defaults to log level info, the native BGP backend and no load balancer class', () => {
    expect(container(SEED_PLAIN).args).toEqual(['--log-level=info']);
    expect(envValue(SEED_PLAIN, 'METALLB_BGP_TYPE')).toBe('native');
  });

  it('exposes metrics on 7472 and the webhook on 9443, probed over the metrics port', () => {
    const c = container(SEED_PLAIN);
    expect(c.ports).toEqual([
      { name: 'monitoring', containerPort: 7472, protocol: 'TCP' },
      { name: 'webhook-server', containerPort: 9443, protocol: 'TCP' },
    ]);
    expect(c.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'monitoring' });
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'monitoring' });
    expect(envValue(SEED_PLAIN, 'METALLB_HTTP_PORT')).toBe('7472');
    expect(envValue(SEED_PLAIN, 'METALLB_WEBHOOK_PORT')).toBe('9443');
  });

  it('runs only the controller roles of the backend, not the operator', () => {
    expect(envValue(SEED_PLAIN, 'METALLB_ROLES')).toBe('controller,webhook');
  });

  it('runs as non-root with no capabilities and a read-only root filesystem', () => {
    expect(podSpec(SEED_PLAIN).securityContext?.runAsNonRoot).toBe(true);
    expect(container(SEED_PLAIN).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('lands on Linux nodes by default, with no tolerations, priority, runtime class, affinity or limits', () => {
    const spec = podSpec(SEED_PLAIN);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec.tolerations).toBeUndefined();
    expect(spec.priorityClassName).toBeUndefined();
    expect(spec.runtimeClassName).toBeUndefined();
    expect(spec.affinity).toBeUndefined();
    expect(container(SEED_PLAIN).resources).toBeUndefined();
  });

  it('takes the seed example priority class, pod affinity and log level', () => {
    const spec = podSpec(SEED_PRIORITY_AFFINITY);
    expect(spec.priorityClassName).toBe('high-priority');
    expect(spec.affinity).toEqual({
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app: 'metallb' } }, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    });
    expect(container(SEED_PRIORITY_AFFINITY).args).toContain('--log-level=debug');
  });

  it('takes the seed example CPU limit of 200m', () => {
    expect(container(SEED_CPU_LIMITS).resources).toEqual({ limits: { cpu: '200m' } });
  });

  it('takes runtimeClassName and pod annotations from controllerConfig', () => {
    const cr = metallb(SEED_PLAIN);
    cr.spec.controllerConfig = {
      runtimeClassName: 'performance-x',
      annotations: { 'example.com/team': 'net' },
    };
    const d = controllerDeployment(cr, env);
    expect(d.spec?.template.spec?.runtimeClassName).toBe('performance-x');
    expect(d.spec?.template.metadata?.annotations).toMatchObject({ 'example.com/team': 'net' });
    // Pod annotations belong on the pods, not on the Deployment object.
    expect(d.metadata?.annotations?.['example.com/team']).toBeUndefined();
  });

  it('merges controllerNodeSelector over the Linux default and takes controllerTolerations', () => {
    const cr = metallb(SEED_PLAIN);
    cr.spec.controllerNodeSelector = { 'node-role.kubernetes.io/infra': '' };
    cr.spec.controllerTolerations = [{ key: 'infra', operator: 'Exists', effect: 'NoSchedule' }];
    const spec = controllerDeployment(cr, env).spec!.template.spec!;
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/infra': '' });
    expect(spec.tolerations).toEqual([{ key: 'infra', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  it('passes loadBalancerClass as --lb-class and bgpBackend as METALLB_BGP_TYPE', () => {
    const cr = metallb(SEED_PLAIN);
    cr.spec.loadBalancerClass = 'metallb.io/metallb';
    cr.spec.bgpBackend = 'frr-k8s';
    const c = controllerDeployment(cr, env).spec!.template.spec!.containers[0]!;
    expect(c.args).toEqual(['--log-level=info', '--lb-class=metallb.io/metallb']);
    expect(c.env?.find((e) => e.name === 'METALLB_BGP_TYPE')?.value).toBe('frr-k8s');
  });

  it('ignores the speaker-only fields nodeSelector and speakerTolerations', () => {
    expect(controllerDeployment(metallb(SEED_WORKERS), env)).toEqual(
      controllerDeployment(metallb(SEED_PLAIN), env),
    );
  });
});
