import type { V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  allocService,
  backendKey,
  hasDeprecatedAnnotation,
  requestedIPs,
  serviceFamilies,
  type ServiceInput,
} from './service-request';

// A V1Service from the Kubernetes client is a valid input as is.
const fromClient: ServiceInput = {} as V1Service;
void fromClient;

const withAnn = (annotations: Record<string, string>, loadBalancerIP?: string): ServiceInput => ({
  metadata: { annotations },
  spec: { loadBalancerIP },
});

describe('requestedIPs', () => {
  it.each<[ServiceInput, string[] | string]>([
    [withAnn({}), []],
    [withAnn({}, '1.2.3.4'), ['1.2.3.4']],
    [withAnn({ 'metallb.io/loadBalancerIPs': '1.2.3.4' }), ['1.2.3.4']],
    [withAnn({ 'metallb.io/loadBalancerIPs': ' 1.2.3.4 , 1000::1 ' }), ['1.2.3.4', '1000::1']],
    [withAnn({ 'metallb.universe.tf/loadBalancerIPs': '1.2.3.4' }), ['1.2.3.4']],
    [withAnn({ 'metallb.io/loadBalancerIPs': '1.2.3.4' }, '1.2.3.5'), 'can not have both'],
    [withAnn({ 'metallb.io/loadBalancerIPs': 'garbage' }), '"garbage" is not an IP address'],
    [withAnn({ 'metallb.io/loadBalancerIPs': '1.2.3.4,' }), '"" is not an IP address'],
    [withAnn({ 'metallb.io/loadBalancerIPs': '1.2.3.4,1.2.3.5' }), 'one IPv4 and one IPv6'],
    [withAnn({ 'metallb.io/loadBalancerIPs': '1.2.3.4,1000::,1000::1' }), 'one IPv4 and one IPv6'],
    [withAnn({}, 'please sir'), 'invalid spec.loadBalancerIP "please sir"'],
  ])('%j', (svc, want) => {
    const r = requestedIPs(svc);
    if (typeof want === 'string') expect('error' in r && r.error).toContain(want);
    else expect(r).toEqual({ ips: want });
  });
});

describe('serviceFamilies', () => {
  it.each<[ServiceInput['spec'], unknown]>([
    [{ clusterIPs: ['10.96.0.1'] }, { families: [4] }],
    [{ clusterIPs: ['fd00::1', '10.96.0.1'] }, { families: [6, 4] }],
    [{ clusterIP: '10.96.0.1' }, { families: [4] }],
    [{ ipFamilies: ['IPv6', 'IPv4'] }, { families: [6, 4] }],
    [{ clusterIP: 'None' }, { families: [] }],
    [{}, { families: [] }],
    [
      { clusterIPs: ['10.96.0.1', '10.96.0.2'] },
      { error: 'invalid clusterIPs: expected one IP family or one of each' },
    ],
    [{ clusterIPs: ['nope'] }, { error: 'invalid clusterIP "nope"' }],
  ])('%j', (spec, want) => {
    expect(serviceFamilies({ spec })).toEqual(want);
  });
});

describe('service keys', () => {
  it('backend key: selector for ETP Local, empty for Cluster', () => {
    expect(backendKey({ spec: { externalTrafficPolicy: 'Local', selector: { b: '2', a: '1' } } })).toBe(
      'a=1,b=2',
    );
    expect(backendKey({ spec: { externalTrafficPolicy: 'Cluster', selector: { a: '1' } } })).toBe('');
    expect(backendKey({ spec: { selector: { a: '1' } } })).toBe('');
  });

  it('sharing key: the stable annotation wins over the deprecated one', () => {
    const svc: ServiceInput = {
      metadata: {
        name: 'n',
        namespace: 'ns',
        annotations: { 'metallb.universe.tf/allow-shared-ip': 'old', 'metallb.io/allow-shared-ip': 'new' },
      },
      spec: { ports: [{ port: 53, protocol: 'UDP' }, { port: 80 }], ipFamilyPolicy: 'PreferDualStack' },
    };
    expect(allocService(svc, [4])).toEqual({
      key: 'ns/n',
      namespace: 'ns',
      labels: {},
      families: [4],
      policy: 'PreferDualStack',
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 80, protocol: 'TCP' },
      ],
      sharingKey: 'new',
      backendKey: '',
    });
    expect(hasDeprecatedAnnotation(svc)).toBe(true);
  });
});
