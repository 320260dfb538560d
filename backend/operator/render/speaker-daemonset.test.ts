import { describe, expect, it } from 'vitest';
import {
  env,
  metallb,
  SEED_CPU_LIMITS,
  SEED_PLAIN,
  SEED_PRIORITY_AFFINITY,
  SEED_WORKERS,
} from '../test-fixtures';
import { DEFAULT_SPEAKER_TOLERATIONS, speakerDaemonSet } from './speaker-daemonset';

const podSpec = (yaml: string) => speakerDaemonSet(metallb(yaml), env).spec!.template.spec!;
const container = (yaml: string) => podSpec(yaml).containers[0]!;
const envVar = (yaml: string, name: string) => container(yaml).env?.find((e) => e.name === name);

describe('speaker DaemonSet', () => {
  it('is named speaker in the operator namespace and runs the speaker image on the host network', () => {
    const ds = speakerDaemonSet(metallb(SEED_PLAIN), env);
    expect(ds.metadata).toMatchObject({ name: 'speaker', namespace: 'metallb-system' });
    expect(ds.spec?.selector.matchLabels).toEqual({ app: 'metallb', component: 'speaker' });
    expect(podSpec(SEED_PLAIN).hostNetwork).toBe(true);
    expect(podSpec(SEED_PLAIN).serviceAccountName).toBe('speaker');
    expect(container(SEED_PLAIN).image).toBe(env.speakerImage);
  });

  it('selects Linux nodes by default, the node selector the seed shows for the daemonset', () => {
    expect(podSpec(SEED_PLAIN).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  });

  it('tolerates control-plane taints by default so every node gets a speaker', () => {
    expect(podSpec(SEED_PLAIN).tolerations).toEqual(DEFAULT_SPEAKER_TOLERATIONS);
  });

  it('merges the seed example worker nodeSelector with the default and appends speakerTolerations', () => {
    const spec = podSpec(SEED_WORKERS);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/worker': '' });
    expect(spec.tolerations).toEqual([
      ...DEFAULT_SPEAKER_TOLERATIONS,
      { key: 'Example', operator: 'Exists', effect: 'NoExecute' },
    ]);
  });

  it('lets the user override the default node selector key', () => {
    const cr = metallb(SEED_PLAIN);
    cr.spec.nodeSelector = { 'kubernetes.io/os': 'other' };
    expect(speakerDaemonSet(cr, env).spec?.template.spec?.nodeSelector).toEqual({
      'kubernetes.io/os': 'other',
    });
  });

  it('does not repeat a toleration the user restates', () => {
    const cr = metallb(SEED_PLAIN);
    cr.spec.speakerTolerations = [
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    ];
    expect(speakerDaemonSet(cr, env).spec?.template.spec?.tolerations).toEqual(DEFAULT_SPEAKER_TOLERATIONS);
  });

  it('adds NET_RAW, NET_ADMIN and NET_BIND_SERVICE and drops everything else', () => {
    const sc = container(SEED_PLAIN).securityContext!;
    expect(sc.capabilities).toEqual({ drop: ['ALL'], add: ['NET_ADMIN', 'NET_BIND_SERVICE', 'NET_RAW'] });
    expect(sc.allowPrivilegeEscalation).toBe(false);
    expect(sc.privileged).toBeUndefined();
  });

  it('learns its node name from the downward API', () => {
    expect(envVar(SEED_PLAIN, 'METALLB_NODE_NAME')).toEqual({
      name: 'METALLB_NODE_NAME',
      valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } },
    });
  });

  it('gossips on 7946 over TCP and UDP with the memberlist key mounted from metallb-memberlist', () => {
    const c = container(SEED_PLAIN);
    expect(c.ports).toEqual(
      expect.arrayContaining([
        { name: 'memberlist-tcp', containerPort: 7946, protocol: 'TCP' },
        { name: 'memberlist-udp', containerPort: 7946, protocol: 'UDP' },
        { name: 'monitoring', containerPort: 7472, protocol: 'TCP' },
      ]),
    );
    expect(envVar(SEED_PLAIN, 'METALLB_ML_BIND_PORT')?.value).toBe('7946');
    expect(envVar(SEED_PLAIN, 'METALLB_ML_SECRET_KEY_PATH')?.value).toBe('/etc/ml_secret_key');
    expect(c.volumeMounts).toContainEqual({
      name: 'memberlist',
      mountPath: '/etc/ml_secret_key',
      readOnly: true,
    });
    expect(podSpec(SEED_PLAIN).volumes).toContainEqual({
      name: 'memberlist',
      secret: { secretName: 'metallb-memberlist', defaultMode: 0o400 },
    });
  });

  it('mounts the excluded-interfaces ConfigMap where the speaker reads it', () => {
    expect(container(SEED_PLAIN).volumeMounts).toContainEqual({
      name: 'metallb-excludel2',
      mountPath: '/etc/metallb',
      readOnly: true,
    });
    expect(podSpec(SEED_PLAIN).volumes).toContainEqual({
      name: 'metallb-excludel2',
      configMap: { name: 'metallb-excludel2', defaultMode: 0o400 },
    });
  });

  it('passes bgpBackend as METALLB_BGP_TYPE (native by default) and logLevel as a flag', () => {
    expect(envVar(SEED_PLAIN, 'METALLB_BGP_TYPE')?.value).toBe('native');
    const cr = metallb(SEED_PLAIN);
    cr.spec.bgpBackend = 'frr';
    cr.spec.logLevel = 'warn';
    const c = speakerDaemonSet(cr, env).spec!.template.spec!.containers[0]!;
    expect(c.env?.find((e) => e.name === 'METALLB_BGP_TYPE')?.value).toBe('frr');
    expect(c.args).toEqual(['--log-level=warn']);
  });

  it('takes the seed example priority class and pod affinity', () => {
    const spec = podSpec(SEED_PRIORITY_AFFINITY);
    expect(spec.priorityClassName).toBe('high-priority');
    expect(spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0]).toEqual({
      labelSelector: { matchLabels: { app: 'metallb' } },
      topologyKey: 'kubernetes.io/hostname',
    });
  });

  it('takes the seed example CPU limit of 300m', () => {
    expect(container(SEED_CPU_LIMITS).resources).toEqual({ limits: { cpu: '300m' } });
  });

  it('takes runtimeClassName and pod annotations from speakerConfig', () => {
    const cr = metallb(SEED_PLAIN);
    cr.spec.speakerConfig = {
      runtimeClassName: 'performance-x',
      annotations: { 'example.com/owner': 'netops' },
    };
    const ds = speakerDaemonSet(cr, env);
    expect(ds.spec?.template.spec?.runtimeClassName).toBe('performance-x');
    expect(ds.spec?.template.metadata?.annotations).toMatchObject({ 'example.com/owner': 'netops' });
  });

  it('ignores the controller-only fields', () => {
    const cr = metallb(SEED_PLAIN);
    cr.spec.controllerNodeSelector = { a: 'b' };
    cr.spec.controllerTolerations = [{ key: 'x', operator: 'Exists' }];
    cr.spec.controllerConfig = { priorityClassName: 'p', resources: { limits: { cpu: '1' } } };
    expect(speakerDaemonSet(cr, env)).toEqual(speakerDaemonSet(metallb(SEED_PLAIN), env));
  });
});
