// The webhooks against the real apiserver: registered with failurePolicy Fail, upstream example
// YAML accepted, each class of invalid object refused with our message, BGPPeer conversion, and
// malformed requests answered with 4xx without harming the server.
import { ApiClient } from '../../k8s/api-client';
import { testRoleContext } from '../test-role-context';
import { request } from 'node:https';
import { AdmissionregistrationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, testKubeConfig } from '../../integration-tests/cluster/test-env';
import { installCRDs } from '../../k8s/crds';
import { createLogger } from '../../k8s/log';
import { NAMES } from '../../api/operand';
import type { RunningRole } from '../roles';
import { startWebhooks } from './role';

const NS = 'metallb-system';
const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
let webhooks: RunningRole & { baseURL: string };

const KINDS = 'ipaddresspools,l2advertisements,bgpadvertisements,bgppeers,bfdprofiles,communities';

beforeAll(async () => {
  await installCRDs(ApiClient.fromKubeConfig(kc));
  await core.createNamespace({ body: { metadata: { name: NS } } }).catch(() => undefined);
  webhooks = await startWebhooks(
    testRoleContext(kc, { log: createLogger('webhook-itest', 'warn'), namespace: NS, dev: true }),
  );
});

afterAll(async () => {
  await kubectl(['delete', KINDS, '--all', '-n', NS, '--wait=false']).catch(() => undefined);
  // Other test files share this cluster: leave no webhook pointing at a stopped server.
  await kc
    .makeApiClient(AdmissionregistrationV1Api)
    .deleteValidatingWebhookConfiguration({ name: NAMES.webhookConfiguration })
    .catch(() => undefined);
  await installCRDs(ApiClient.fromKubeConfig(kc));
  await webhooks?.stop();
});

const UPSTREAM_EXAMPLES = `
apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata: {name: doc-example, namespace: metallb-system}
spec:
  addresses: [203.0.113.1-203.0.113.5, 2001:db8:1::/124]
  autoAssign: true
---
apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata: {name: doc-example-cidr, namespace: metallb-system}
spec:
  addresses: [198.51.100.0/26]
  serviceAllocation:
    priority: 50
    namespaces: [tenant-a]
---
apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata: {name: l2adv, namespace: metallb-system}
spec:
  ipAddressPools: [doc-example]
---
apiVersion: metallb.io/v1beta1
kind: BFDProfile
metadata: {name: doc-example-bfd-profile-full, namespace: metallb-system}
spec:
  receiveInterval: 300
  transmitInterval: 300
  detectMultiplier: 3
  echoMode: false
  passiveMode: true
  minimumTtl: 254
---
apiVersion: metallb.io/v1beta2
kind: BGPPeer
metadata: {name: doc-example-peer, namespace: metallb-system}
spec:
  peerAddress: 198.51.100.254
  peerASN: 64501
  myASN: 64500
  routerID: 192.0.2.10
  bfdProfile: doc-example-bfd-profile-full
---
apiVersion: metallb.io/v1beta1
kind: Community
metadata: {name: community1, namespace: metallb-system}
spec:
  communities:
  - name: NO_ADVERTISE
    value: '65535:65282'
---
apiVersion: metallb.io/v1beta1
kind: BGPAdvertisement
metadata: {name: bgpadv, namespace: metallb-system}
spec:
  ipAddressPools: [doc-example-cidr]
  aggregationLength: 32
  localPref: 100
  communities: [NO_ADVERTISE, '65535:65281']
`;

const apply = (yaml: string) => kubectl(['apply', '-f', '-'], yaml);

describe('metallb.io admission webhooks', () => {
  it('are registered with failurePolicy Fail for every configuration kind', async () => {
    const cfg = await kc
      .makeApiClient(AdmissionregistrationV1Api)
      .readValidatingWebhookConfiguration({ name: NAMES.webhookConfiguration });
    const byResource = new Map(cfg.webhooks!.map((w) => [w.rules![0]!.resources![0]!, w]));
    for (const r of KINDS.split(',')) {
      expect(byResource.get(r)?.failurePolicy, r).toBe('Fail');
      expect(byResource.get(r)?.clientConfig.caBundle, r).toBeTruthy();
    }
  });

  it('accept the upstream example configuration', async () => {
    const out = await apply(UPSTREAM_EXAMPLES);
    expect(out.match(/created|configured|unchanged/g)).toHaveLength(7);
  });

  it('show printer columns and kubectl explain', async () => {
    const out = await kubectl(['get', 'ipaddresspools', '-n', NS]);
    expect(out).toMatch(/NAME\s+AUTO ASSIGN\s+AVOID BUGGY IPS\s+ADDRESSES/);
    expect(out).toMatch(/doc-example\s+true\s+false/);
    expect(await kubectl(['explain', 'ipaddresspool.spec.addresses'])).toMatch(/CIDR/);
    expect(await kubectl(['get', 'bgppeers', '-n', NS])).toMatch(
      /doc-example-peer\s+198\.51\.100\.254\s+64501\s+doc-example-bfd-profile-full/,
    );
  });

  const pool = (name: string, addresses: string, ns = NS) =>
    `{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"${name}","namespace":"${ns}"},"spec":{"addresses":${addresses}}}`;
  const peer = (name: string, spec: string) =>
    `{"apiVersion":"metallb.io/v1beta2","kind":"BGPPeer","metadata":{"name":"${name}","namespace":"${NS}"},"spec":${spec}}`;

  it.each([
    [
      'an overlapping pool',
      pool('overlap', '["203.0.113.4/30"]'),
      /overlaps with already defined CIDR .*IPAddressPool "doc-example"/,
    ],
    ['a malformed CIDR', pool('bad-cidr', '["100.200.300.400/24"]'), /spec.addresses\[0\].*invalid CIDR/],
    ['a reversed range', pool('reversed', '["192.0.2.9-192.0.2.1"]'), /is after the end IP/],
    [
      'a pool outside the MetalLB namespace',
      pool('elsewhere', '["192.0.2.0/28"]', 'default'),
      /must be created in metallb-system namespace/,
    ],
    [
      'a second local ASN (X1)',
      peer('asn2', '{"myASN":64999,"peerASN":64501,"peerAddress":"198.51.100.1"}'),
      /myASN 64999 differs from myASN 64500 of BGPPeer "doc-example-peer"/,
    ],
    [
      'a second router ID (X2)',
      peer('rid2', '{"myASN":64500,"peerASN":64501,"peerAddress":"198.51.100.2","routerID":"192.0.2.99"}'),
      /routerID/,
    ],
    [
      'a hold time under 3 s',
      peer('hold', '{"myASN":64500,"peerASN":64501,"peerAddress":"198.51.100.3","holdTime":"2s"}'),
      /spec.holdTime/,
    ],
    [
      'a keepalive above the hold time',
      peer(
        'ka',
        '{"myASN":64500,"peerASN":64501,"peerAddress":"198.51.100.4","holdTime":"9s","keepaliveTime":"30s"}',
      ),
      /keepalive/i,
    ],
    [
      'multihop on an iBGP peer',
      peer('mh', '{"myASN":64500,"peerASN":64500,"peerAddress":"198.51.100.5","ebgpMultiHop":true}'),
      /invalid ebgp-multihop parameter set for an ibgp peer/,
    ],
    [
      'a BFD interval out of range',
      '{"apiVersion":"metallb.io/v1beta1","kind":"BFDProfile","metadata":{"name":"slow","namespace":"metallb-system"},"spec":{"receiveInterval":5}}',
      /receiveInterval/,
    ],
    [
      'an aggregation length shorter than the pool allows',
      '{"apiVersion":"metallb.io/v1beta1","kind":"BGPAdvertisement","metadata":{"name":"agg","namespace":"metallb-system"},"spec":{"ipAddressPools":["doc-example-cidr"],"aggregationLength":24}}',
      /aggregation/i,
    ],
    [
      'a malformed community',
      '{"apiVersion":"metallb.io/v1beta1","kind":"Community","metadata":{"name":"c2","namespace":"metallb-system"},"spec":{"communities":[{"name":"X","value":"1:2:3"}]}}',
      /community/i,
    ],
  ])('refuse %s with a message naming the field', async (_what, json, message) => {
    await expect(apply(json)).rejects.toThrow(message);
  });

  it('refuse deleting a BFDProfile a BGPPeer uses', async () => {
    await expect(kubectl(['delete', 'bfdprofile', 'doc-example-bfd-profile-full', '-n', NS])).rejects.toThrow(
      /used by BGPPeer "doc-example-peer"/,
    );
  });

  it('convert a v1beta1 BGPPeer to v1beta2 and back', async () => {
    await apply(`
apiVersion: metallb.io/v1beta1
kind: BGPPeer
metadata: {name: legacy, namespace: metallb-system}
spec:
  myASN: 64500
  peerASN: 64502
  peerAddress: 198.51.100.20
  routerID: 192.0.2.10
  nodeSelectors:
  - matchLabels: {rack: r1}
    matchExpressions: [{key: zone, operator: In, values: [a, b]}]
`);
    const v2 = JSON.parse(
      await kubectl(['get', 'bgppeers.v1beta2.metallb.io', 'legacy', '-n', NS, '-o', 'json']),
    );
    expect(v2.apiVersion).toBe('metallb.io/v1beta2');
    expect(v2.spec.nodeSelectors).toEqual([
      {
        matchLabels: { rack: 'r1' },
        matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }],
      },
    ]);
    const v1 = JSON.parse(
      await kubectl(['get', 'bgppeers.v1beta1.metallb.io', 'legacy', '-n', NS, '-o', 'json']),
    );
    expect(v1.apiVersion).toBe('metallb.io/v1beta1');
    expect(v1.spec).toMatchObject({ myASN: 64500, peerASN: 64502, peerAddress: '198.51.100.20' });
    expect(v1.spec.nodeSelectors[0].matchExpressions[0].values).toEqual(['a', 'b']);
  });

  const post = (path: string, body: string | Buffer): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = request(
        `${webhooks.baseURL}${path}`,
        { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', (err) =>
        /EPIPE|ECONNRESET/.test(err.message) ? resolve({ status: 413, body: err.message }) : reject(err),
      );
      req.end(body);
    });

  it('answer malformed, garbage and huge requests with 4xx and keep serving', async () => {
    const path = '/validate-metallb-io-v1beta1-ipaddresspool';
    const garbage = await post(path, '\u0000\u00ff{not json');
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatch(/not valid JSON/);
    const notReview = await post(path, JSON.stringify({ kind: 'Pod' }));
    expect(notReview.status).toBe(400);
    expect(notReview.body).toMatch(/AdmissionReview/);
    const huge = await post(path, Buffer.alloc(5 * 1024 * 1024, 'a'));
    expect(huge.status).toBe(413);
    const deep = await post(path, '['.repeat(100_000) + ']'.repeat(100_000));
    expect(deep.status).toBe(400);
    expect((await post('/nowhere', '{}')).status).toBe(404);
    // Still serving real requests afterwards.
    await apply(pool('after-garbage', '["192.0.2.64/28"]'));
    expect(webhooks.ready()).toBe(true);
  });
});
