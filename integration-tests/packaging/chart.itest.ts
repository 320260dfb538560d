// The Helm chart on the local control plane: lint, server-side dry run, install, then the operator's
// production bundle run exactly as the installed Deployment says (command, args, env) under the
// chart's ServiceAccount token, the seed's MetalLB resource, the controller and speakers it renders
// ready, the controller's bundle run as its rendered Deployment says under its own token, and an
// uninstall that keeps the CRDs.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { V1Deployment, V1PodSpec } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../../api/kinds';
import { CONFIGURATION_STATE, NAMES } from '../../api/operand';
import type { ApiClient } from '../../k8s/api-client';
import { toolPath } from '../../scripts/packaging/tools';
import { uniqueName, waitFor } from '../cluster/test-env';
import { deployMetalLB, forbidden, freshCluster, type FreshCluster } from './operator-flow';
import { freePort } from '../cluster/ports';
import { ROOT, runContainer, type PodProcess } from './pod-process';

const run = promisify(execFile);
const CHART = join(ROOT, 'charts', 'metallb-operator');
const ns = uniqueName('chart');
const RELEASE = 'metallb-operator';
let c: FreshCluster;
let client: ApiClient;
const kubectl = (args: string[], stdin?: string) => c.kubectl(args, stdin);
let helm: string;
const processes: PodProcess[] = [];

const helmCmd = (args: string[]) =>
  run(helm, [...args, '--kubeconfig', c.cp.kubeconfig], { maxBuffer: 64 << 20 }).then((r) => r.stdout);

beforeAll(async () => {
  helm = toolPath('helm');
  c = await freshCluster();
  client = c.client;
  if (!existsSync(join(ROOT, 'dist-server', 'backend.js')))
    await run('npm', ['run', '-s', 'build', '--', '--server'], { cwd: ROOT });
  await kubectl(['create', 'namespace', ns]);
}, 600_000);

afterAll(async () => {
  for (const p of processes) await p.stop();
  await kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=false']).catch(() => undefined);
  await c?.stop();
});

describe('the metallb-operator Helm chart', () => {
  it('lints clean and renders what the apiserver accepts (server-side dry run)', async () => {
    const lint = await helmCmd(['lint', CHART, '--strict']);
    expect(lint).toContain('0 chart(s) failed');
    const withAll = ['--set', 'monitoring.serviceMonitor.enabled=false', '--namespace', ns];
    const manifest = await helmCmd(['template', RELEASE, CHART, ...withAll]);
    const out = await kubectl(['apply', '--dry-run=server', '-f', '-'], manifest);
    expect(out).toMatch(
      /deployment\.apps\/metallb-operator-controller-manager (created|configured) \(server dry run\)/,
    );
    expect(out).toMatch(
      /clusterrole\.rbac\.authorization\.k8s\.io\/\S+ (created|configured) \(server dry run\)/,
    );
  });

  it('installs an operator that, run as its Deployment says under its own token, deploys MetalLB', async () => {
    await helmCmd(['install', RELEASE, CHART, '--namespace', ns, '--wait', '--timeout', '120s']);
    const path = resourcePath(KUBE_KINDS.Deployment, {
      namespace: ns,
      name: `${RELEASE}-controller-manager`,
    });
    const d = await client.get<V1Deployment>(path);
    expect(d.status?.readyReplicas).toBe(1);
    const operator = await deployMetalLB(c, ns, d.spec!.template.spec!);
    processes.push(operator);
    expect(forbidden(operator)).toEqual([]);
  });

  it('renders a controller that runs under its own token with the packaged RBAC', async () => {
    const controllerPath = resourcePath(KUBE_KINDS.Deployment, { namespace: ns, name: 'controller' });
    const pod = (await client.get<V1Deployment>(controllerPath)).spec!.template.spec!;
    const controller = await runContainer(client, pod, pod.containers[0]!, {
      namespace: ns,
      podName: 'controller-0',
    });
    processes.push(controller);
    // It reports its configuration as valid (a ConfigurationState it may write) and serves.
    const state = resourcePath(METALLB_KINDS.ConfigurationState, { namespace: ns, name: 'controller' });
    await waitFor(
      'the controller ConfigurationState',
      async () => {
        if (controller.child.exitCode !== null)
          throw new Error(`the controller exited:\n${controller.output()}`);
        return !!(await client.find(state));
      },
      60_000,
    );
    await waitFor(
      'the controller to serve /readyz',
      async () => (await fetch(`http://127.0.0.1:${controller.httpPort}/readyz`).catch(() => undefined))?.ok,
      60_000,
    );
    // Allocation under its own token: reads pools and Services, writes Service status, events and
    // pool status. The operator-rendered webhook would make the apiserver dial an in-cluster Service
    // address that does not exist here: the operator is paused and the registration removed meanwhile.
    await processes[0]!.stop();
    await kubectl([
      'delete',
      'validatingwebhookconfiguration',
      NAMES.webhookConfiguration,
      '--ignore-not-found',
    ]);
    await kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'metallb.io/v1beta1',
            kind: 'IPAddressPool',
            metadata: { name: 'chart-pool', namespace: ns },
            spec: { addresses: ['198.51.100.0/30'] },
          },
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'web', namespace: ns },
            spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
          },
        ],
      }),
    );
    const ip = await waitFor(
      'an IP from the controller',
      async () =>
        (await kubectl([
          'get',
          'service',
          'web',
          '-n',
          ns,
          '-o',
          'jsonpath={.status.loadBalancer.ingress[0].ip}',
        ])) || undefined,
      30_000,
    );
    expect(ip).toBe('198.51.100.0');
    // Installed outside metallb-system, the controller points BGPPeer's conversion at its own Service.
    const conversion = await kubectl([
      'get',
      'crd',
      'bgppeers.metallb.io',
      '-o',
      'jsonpath={.spec.conversion.webhook.clientConfig.service.namespace}',
    ]);
    expect(conversion).toBe(ns);
    expect(forbidden(controller)).toEqual([]);
    await controller.stop();
    await kubectl(['delete', 'service', 'web', '-n', ns]);
    await kubectl(['delete', 'ipaddresspool', 'chart-pool', '-n', ns]);
    // A speaker for node-0 as the DaemonSet says, under the speaker's token: it reads the
    // configuration, Nodes, Services, EndpointSlices, its peers' pods and writes its status. Its
    // addresses are the loopback's (host and pod IP), so its gossip to the fake pods' addresses
    // cannot leave the machine (the kernel refuses a loopback source towards them).
    const ds = await client.get<{ spec: { template: { spec: V1PodSpec } } }>(
      resourcePath(KUBE_KINDS.DaemonSet, { namespace: ns, name: 'speaker' }),
    );
    const speakerPod = ds.spec.template.spec;
    // The (fake) pod kwok runs for node-0: the speaker reads it to own its status objects.
    const podName = (
      await kubectl([
        'get',
        'pods',
        '-n',
        ns,
        '-l',
        'app=metallb,component=speaker',
        '--field-selector',
        'spec.nodeName=node-0',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      ])
    ).trim();
    const speaker = await runContainer(
      client,
      speakerPod,
      speakerPod.containers[0]!,
      { namespace: ns, podName, nodeName: 'node-0', hostIP: '127.0.0.1' },
      { METALLB_BGP_PORT: String(await freePort()) },
    );
    processes.push(speaker);
    const speakerState = resourcePath(METALLB_KINDS.ConfigurationState, {
      namespace: ns,
      name: CONFIGURATION_STATE.speakerName('node-0'),
    });
    await waitFor(
      "the speaker's ConfigurationState",
      async () => {
        if (speaker.child.exitCode !== null) throw new Error(`the speaker exited:\n${speaker.output()}`);
        return !!(await client.find(speakerState));
      },
      60_000,
    );
    expect(speaker.output()).toContain('speaker started');
    expect(forbidden(speaker)).toEqual([]);
    await speaker.stop();
    // The operator again, for the uninstall.
    const d = await client.get<V1Deployment>(
      resourcePath(KUBE_KINDS.Deployment, { namespace: ns, name: `${RELEASE}-controller-manager` }),
    );
    const again = await runContainer(client, d.spec!.template.spec!, d.spec!.template.spec!.containers[0]!, {
      namespace: ns,
      podName: 'operator-1',
    });
    processes.push(again);
  });

  it('uninstalls: the operator removes what MetalLB deployed, Helm the operator, and the CRDs stay', async () => {
    await kubectl(['delete', 'metallb', 'metallb', '-n', ns, '--wait=true', '--timeout=60s']);
    const controllerPath = resourcePath(KUBE_KINDS.Deployment, { namespace: ns, name: 'controller' });
    await waitFor(
      'the controller Deployment to go',
      async () => !(await client.find(controllerPath)),
      60_000,
    );
    await helmCmd(['uninstall', RELEASE, '--namespace', ns, '--wait']);
    const crds = await kubectl(['get', 'crd', '-o', 'name']);
    for (const plural of ['ipaddresspools', 'metallbs', 'bgppeers', 'l2advertisements'])
      expect(crds).toContain(`customresourcedefinition.apiextensions.k8s.io/${plural}.metallb.io`);
    expect(
      await client.find(
        resourcePath(KUBE_KINDS.Deployment, { namespace: ns, name: `${RELEASE}-controller-manager` }),
      ),
    ).toBeUndefined();
  });
});
