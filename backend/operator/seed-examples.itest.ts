// The seed's own MetalLB examples (6.5.2.3 and 6.5.2.4), applied in order to one running
// operator on the local control plane (6 kwok nodes, node-0..2 workers), with the seed's
// verification commands.
import { CustomObjectsApi, type V1Pod } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, sleep, waitFor } from '../../integration-tests/cluster/test-env';
import type { MetalLB } from '../../api/types';
import { inNamespace, startHarness, type Harness } from './itest-harness';
import { available, controllerReady, pods, speakersReady } from './itest-workloads';
import { SEED_CPU_LIMITS, SEED_PLAIN, SEED_PRIORITY_AFFINITY, SEED_WORKERS } from './test-fixtures';

let h: Harness;
let createdPriorityClass = false;

beforeAll(async () => {
  h = await startHarness('metallb-op');
});
afterAll(async () => {
  await h?.cleanup();
  if (createdPriorityClass) await kubectl(['delete', 'priorityclass', 'high-priority', '--ignore-not-found']);
});

describe('the seed examples', () => {
  it('6.5.2.3: the plain MetalLB gives deployment/controller 1/1 and daemonset/speaker 6/6', async () => {
    const custom = h.kc.makeApiClient(CustomObjectsApi);
    const target = { group: 'metallb.io', version: 'v1beta1', namespace: h.ns, plural: 'metallbs' };
    const requested = performance.now();
    await custom.createNamespacedCustomObject({ ...target, body: parse(inNamespace(SEED_PLAIN, h.ns)) });
    // The first write to a just-installed CRD waits for the API server's storage to warm up;
    // the clock for the operator starts when the object exists.
    const t0 = performance.now();
    let elapsed = 0;
    for (;;) {
      const cr = (await custom.getNamespacedCustomObject({ ...target, name: 'metallb' })) as MetalLB;
      elapsed = performance.now() - t0;
      if (cr.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True')) break;
      if (elapsed > 60_000) throw new Error(`not Available after 60 s: ${JSON.stringify(cr.status)}`);
      await sleep(20);
    }
    console.log(
      `MetalLB create request ${Math.round(t0 - requested)} ms; created -> Available=True in ${Math.round(elapsed)} ms`,
    );

    // The seed's verification, verbatim apart from oc -> kubectl.
    const deployment = await kubectl(['get', 'deployment', '-n', h.ns, 'controller']);
    const daemonset = await kubectl(['get', 'daemonset', '-n', h.ns, 'speaker']);
    console.log(deployment + daemonset);
    expect(deployment).toMatch(/^controller\s+1\/1\s+1\s+1\s/m);
    expect(daemonset).toMatch(/^speaker\s+6\s+6\s+6\s+6\s+6\s+kubernetes\.io\/os=linux\s/m);
    const nodes = (await pods(h, 'speaker')).map((p) => p.spec?.nodeName).sort();
    expect(nodes).toEqual(['node-0', 'node-1', 'node-2', 'node-3', 'node-4', 'node-5']);

    const secret = await h.get<{ data: Record<string, string> }>('secret/metallb-memberlist');
    expect(Buffer.from(secret.data.secretkey!, 'base64')).toHaveLength(128);
    expect(await h.condition('Degraded')).toMatchObject({ status: 'False' });
    // 6.5.3.4's `oc get metallb -n metallb-system`, with the condition printer columns.
    const instances = await kubectl(['get', 'metallb', '-n', h.ns]);
    console.log(instances);
    expect(instances).toMatch(/^metallb\s+True\s+False\s+False\s/m);
  });

  it('6.5.2.4.1: nodeSelector workers + speakerTolerations gives speaker 3/3 on the worker nodes', async () => {
    await h.applySeed(SEED_WORKERS);
    await waitFor('speaker 3/3', () => speakersReady(h, 3), 60_000);
    const daemonset = await kubectl(['get', 'daemonset', '-n', h.ns, 'speaker']);
    console.log(daemonset);
    expect(daemonset).toMatch(/^speaker\s+3\s+3\s+3\s+3\s+3\s+\S*node-role\.kubernetes\.io\/worker=/m);

    const workers = (await kubectl(['get', 'node', '-l', 'node-role.kubernetes.io/worker=', '-o', 'name']))
      .trim()
      .split('\n')
      .map((n) => n.replace('node/', ''))
      .sort();
    expect(workers).toEqual(['node-0', 'node-1', 'node-2']);
    expect((await pods(h, 'speaker')).map((p) => p.spec?.nodeName).sort()).toEqual(workers);
    const template = (await h.get<{ spec: { template: { spec: V1Pod['spec'] } } }>('daemonset/speaker')).spec
      .template.spec!;
    expect(template.tolerations).toContainEqual({ key: 'Example', operator: 'Exists', effect: 'NoExecute' });
    await waitFor('Available', () => available(h), 30_000);
    expect(await controllerReady(h)).toBe(true);
  });

  it('6.5.2.4.2: priority class and pod affinity: the priority class shows; the affinity strands speakers', async () => {
    const existing = await kubectl(['get', 'priorityclass', 'high-priority', '-o', 'name']).catch(() => '');
    if (!existing) {
      await kubectl(
        ['apply', '-f', '-'],
        'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high-priority\nvalue: 1000000\n',
      );
      createdPriorityClass = true;
    }

    // As in the seed: applied to the running instance. The speaker DaemonSet rolls node by node
    // (maxUnavailable 1): the new pod on a node whose old speaker is gone finds no app=metallb
    // pod there to be co-located with, unless the controller runs on that node.
    await h.applySeed(SEED_PRIORITY_AFFINITY);
    await waitFor('controller rolled out with the priority class', async () => {
      const [c] = await pods(h, 'controller');
      return (await controllerReady(h)) && c?.spec?.priorityClassName === 'high-priority';
    });
    const stuck = await waitFor(
      'a speaker stranded by the pod affinity',
      async () =>
        (await pods(h, 'speaker')).find((p) =>
          p.status?.conditions?.some(
            (c) => c.type === 'PodScheduled' && c.status === 'False' && /pod affinity/.test(c.message ?? ''),
          ),
        ),
      30_000,
    );
    console.log(`update: ${stuck.metadata?.name} unschedulable: ${stuck.status?.conditions?.[0]?.message}`);
    await waitFor('Available=False, Progressing=True', async () => {
      const cs = await h.conditions();
      const status = (t: string) => cs.find((c) => c.type === t)?.status;
      return (
        status('Available') === 'False' && status('Progressing') === 'True' && status('Degraded') === 'False'
      );
    });

    // A fresh install of the same spec: exactly one speaker, next to the controller; the rest
    // stay Pending (nothing else labelled app=metallb runs on their nodes).
    await kubectl(['delete', 'metallb', 'metallb', '-n', h.ns]);
    await waitFor(
      'operand gone',
      async () => (await kubectl(['get', 'pods', '-n', h.ns, '-o', 'name'])) === '',
    );
    await h.applySeed(SEED_PRIORITY_AFFINITY);
    await waitFor(
      'one speaker running, five pending',
      async () => {
        const speakers = await pods(h, 'speaker');
        const running = speakers.filter((p) => p.status?.phase === 'Running');
        const pending = speakers.filter((p) =>
          p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable'),
        );
        return (await controllerReady(h)) && running.length === 1 && pending.length === 5;
      },
      30_000,
    );
    const [controller] = await pods(h, 'controller');
    const [running] = (await pods(h, 'speaker')).filter((p) => p.status?.phase === 'Running');
    expect(running?.spec?.nodeName).toBe(controller?.spec?.nodeName);
    await sleep(2000);
    expect(await speakersReady(h, 1)).toBe(false);
    const ds = await kubectl(['get', 'daemonset', '-n', h.ns, 'speaker']);
    console.log(ds);
    expect(ds).toMatch(/^speaker\s+6\s+6\s+1\s+6\s+1\s/m);

    // The seed's verification step.
    const table = await kubectl([
      'get',
      'pods',
      '-n',
      h.ns,
      '-o',
      'custom-columns=NAME:.metadata.name,PRIORITY:.spec.priorityClassName',
    ]);
    console.log(table);
    const rows = table.trim().split('\n').slice(1);
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(row).toMatch(/^(controller-\S+|speaker-\S+)\s+high-priority$/);
    const placement = await kubectl([
      'get',
      'pod',
      '-o=custom-columns=NODE:.spec.nodeName,NAME:.metadata.name',
      '-n',
      h.ns,
    ]);
    console.log(placement);
    const cs = await h.conditions();
    expect(cs.find((c) => c.type === 'Available')).toMatchObject({
      status: 'False',
      reason: 'ComponentsNotReady',
    });
    expect(cs.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'Deploying' });
    expect(cs.find((c) => c.type === 'Available')?.message).toContain('speaker 1/6 ready');
  });

  it('6.5.2.4.3: CPU limits 200m / 300m land in the controller and speaker pods', async () => {
    await h.applySeed(SEED_CPU_LIMITS);
    await waitFor(
      'controller 1/1 and speaker 6/6',
      async () => (await controllerReady(h)) && speakersReady(h, 6),
      60_000,
    );
    await waitFor('Available', () => available(h), 30_000);
    const [controller] = await pods(h, 'controller');
    expect(controller?.spec?.containers[0]?.resources?.limits).toEqual({ cpu: '200m' });
    expect(controller?.spec?.priorityClassName).toBeUndefined();
    const speakers = await pods(h, 'speaker');
    expect(speakers).toHaveLength(6);
    for (const p of speakers) expect(p.spec?.containers[0]?.resources?.limits).toEqual({ cpu: '300m' });
    // The seed's verification: oc describe pod <pod_name>.
    const described = await kubectl(['describe', 'pod', '-n', h.ns, controller!.metadata!.name!]);
    expect(described).toMatch(/Limits:\s+cpu:\s+200m/);
    const args = controller?.spec?.containers[0]?.args ?? [];
    expect(args).toContain('--log-level=debug');
  });
});
