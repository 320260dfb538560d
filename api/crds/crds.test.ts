import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { allCRDs, crdForKind } from './index';
import type { JSONSchemaProps } from './schema-types';

const KINDS = [
  'IPAddressPool',
  'L2Advertisement',
  'BGPAdvertisement',
  'Community',
  'BGPPeer',
  'BFDProfile',
  'ServiceL2Status',
  'ServiceBGPStatus',
  'ConfigurationState',
  'BGPSessionState',
  'MetalLB',
];

/** Structural-schema rules the apiserver enforces, plus our own: every field is described. */
function structuralProblems(s: JSONSchemaProps, path: string, out: string[], root = true): string[] {
  const open = s['x-kubernetes-int-or-string'] || s['x-kubernetes-preserve-unknown-fields'];
  if (!s.type && !open) out.push(`${path}: no type`);
  if (
    !root &&
    !s.description &&
    !path.endsWith('.metadata') &&
    !path.endsWith('[*]') &&
    !path.endsWith('{*}')
  ) {
    out.push(`${path}: no description`);
  }
  if (s.anyOf && !s['x-kubernetes-int-or-string'])
    out.push(`${path}: anyOf is only allowed for int-or-string`);
  for (const [k, v] of Object.entries(s.properties ?? {})) structuralProblems(v, `${path}.${k}`, out, false);
  if (s.items) structuralProblems(s.items, `${path}[*]`, out, false);
  if (typeof s.additionalProperties === 'object' && s.additionalProperties.type) {
    structuralProblems(s.additionalProperties, `${path}{*}`, out, false);
  }
  if (s.required)
    for (const r of s.required) if (!s.properties?.[r]) out.push(`${path}: required ${r} not declared`);
  return out;
}

describe('CRD manifests', () => {
  const crds = allCRDs();

  it('cover every metallb.io kind, namespaced, in group metallb.io', () => {
    expect(crds.map((c) => c.spec.names.kind)).toEqual(KINDS);
    for (const c of crds) {
      expect(c.spec.scope).toBe('Namespaced');
      expect(c.spec.group).toBe('metallb.io');
      expect(c.metadata.name).toBe(`${c.spec.names.plural}.metallb.io`);
      expect(c.spec.names.listKind).toBe(`${c.spec.names.kind}List`);
    }
  });

  it('have exactly one storage version each, all served', () => {
    for (const c of crds) {
      expect(c.spec.versions.filter((v) => v.storage)).toHaveLength(1);
      expect(c.spec.versions.every((v) => v.served)).toBe(true);
    }
  });

  it('have unique short names', () => {
    const names = crds.flatMap((c) => [
      ...(c.spec.names.shortNames ?? []),
      c.spec.names.plural,
      c.spec.names.singular,
    ]);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(KINDS)('%s has a structural, fully described schema', (kind) => {
    for (const v of crdForKind(kind)!.spec.versions) {
      expect(structuralProblems(v.schema.openAPIV3Schema, `${kind}/${v.name}`, [])).toEqual([]);
    }
  });

  it('serve BGPPeer v1beta1 (deprecated) and store v1beta2, converting with the webhook', () => {
    const peer = crdForKind('BGPPeer')!;
    expect(peer.spec.versions.map((v) => [v.name, v.served, v.storage, !!v.deprecated])).toEqual([
      ['v1beta1', true, false, true],
      ['v1beta2', true, true, false],
    ]);
    expect(peer.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: {
        conversionReviewVersions: ['v1'],
        clientConfig: {
          service: { name: 'metallb-webhook-service', namespace: 'metallb-system', path: '/convert' },
        },
      },
    });
  });

  it('give status subresources exactly to the kinds with a status', () => {
    const withStatus = crds
      .filter((c) => c.spec.versions.some((v) => v.subresources?.status))
      .map((c) => c.spec.names.kind);
    expect(withStatus).toEqual([
      'IPAddressPool',
      'ServiceL2Status',
      'ServiceBGPStatus',
      'ConfigurationState',
      'BGPSessionState',
      'MetalLB',
    ]);
  });

  it.each([
    ['IPAddressPool', ['Auto Assign', 'Avoid Buggy IPs', 'Addresses']],
    ['BGPPeer', ['Address', 'ASN', 'BFD Profile', 'Multi Hops']],
    ['MetalLB', ['Available', 'Progressing', 'Degraded', 'Upgradeable', 'Age']],
    ['BGPSessionState', ['Node', 'Peer', 'BGP', 'BFD', 'Age']],
    ['ServiceL2Status', ['Allocated Node', 'Service Name', 'Service Namespace']],
    ['BFDProfile', ['Passive Mode', 'Transmit Interval', 'Receive Interval', 'Multiplier']],
  ])('%s prints columns %j', (kind, columns) => {
    for (const v of crdForKind(kind)!.spec.versions) {
      expect(v.additionalPrinterColumns?.map((c) => c.name)).toEqual(columns);
    }
  });

  it('read MetalLB condition columns from status.conditions by type', () => {
    const cols = crdForKind('MetalLB')!.spec.versions[0]!.additionalPrinterColumns!;
    expect(cols[0]!.jsonPath).toBe('.status.conditions[?(@.type=="Available")].status');
  });

  it('describe ipaddresspool.spec.addresses for kubectl explain', () => {
    const spec = crdForKind('IPAddressPool')!.spec.versions[0]!.schema.openAPIV3Schema.properties!.spec!;
    expect(spec.properties!.addresses!.description).toMatch(/CIDR/);
    expect(spec.required).toEqual(['addresses']);
  });

  it('return fresh copies (callers patch the caBundle)', () => {
    const a = allCRDs();
    a[4]!.spec.conversion!.webhook!.clientConfig.caBundle = 'x';
    expect(allCRDs()[4]!.spec.conversion!.webhook!.clientConfig.caBundle).toBeUndefined();
  });

  it('are printed by `npm run crds` as one YAML stream', () => {
    const out = execFileSync('npx', ['tsx', 'api/crds/print.ts'], { encoding: 'utf8' });
    const docs = parseAllDocuments(out).map((d) => d.toJS() as unknown);
    expect(docs).toEqual(crds);
  }, 30_000);
});
