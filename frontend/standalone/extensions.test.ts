import { describe, expect, it } from 'vitest';
import extensions from '../../console-extensions.json';
import pkg from '../../package.json';
import { EDITABLE_MODELS, referenceOf } from '../models';
import {
  actionProviders,
  codeRefModules,
  labelKey,
  navigation,
  parseCodeRef,
  routes,
  type ExtensionDecl,
} from './extensions';

const exts = extensions as ExtensionDecl[];

describe('standalone navigation and routes from console-extensions.json', () => {
  it('reads labels and code references', () => {
    expect(labelKey('%plugin__metallb-console-plugin~IP address pools%')).toBe('IP address pools');
    expect(labelKey('plain')).toBe('plain');
    expect(parseCodeRef({ $codeRef: 'pools.ListPage' })).toEqual({ module: 'pools', export: 'ListPage' });
  });

  it('builds one MetalLB section with every page', () => {
    const nav = navigation(exts);
    expect(nav.map((s) => s.label)).toEqual(['MetalLB']);
    expect(nav[0]!.items.map((i) => i.href)).toEqual([
      '/metallb/overview',
      '/metallb/topology',
      '/k8s/ns/metallb-system/metallb.io~v1beta1~IPAddressPool',
      '/k8s/ns/metallb-system/metallb.io~v1beta1~L2Advertisement',
      '/k8s/ns/metallb-system/metallb.io~v1beta1~BGPAdvertisement',
      '/k8s/ns/metallb-system/metallb.io~v1beta2~BGPPeer',
      '/k8s/ns/metallb-system/metallb.io~v1beta1~BFDProfile',
      '/k8s/ns/metallb-system/metallb.io~v1beta1~Community',
      '/k8s/ns/metallb-system/metallb.io~v1beta1~MetalLB',
    ]);
  });

  it('has a list, details and form route per kind, the pages and the Service tab', () => {
    const r = routes(exts);
    expect(r.filter((x) => x.kind === 'list').length).toBe(14);
    expect(r.filter((x) => x.kind === 'details').length).toBe(7);
    expect(r.find((x) => x.kind === 'tab')).toMatchObject({
      path: '/k8s/ns/:ns/services/:name/metallb',
      module: 'serviceTab',
      export: 'ServiceTab',
    });
    expect(r.filter((x) => x.kind === 'page').map((x) => x.path)).toContain(
      '/k8s/ns/:ns/metallb.io~v1beta1~IPAddressPool/~new/form',
    );
    // every navigation entry leads to a route
    const patterns = r.map(
      (x) => new RegExp(`^${x.path.replace(/:\w+/g, '[^/]+').replace('/*', '(/.*)?')}$`),
    );
    for (const item of navigation(exts)[0]!.items) expect(patterns.some((p) => p.test(item.href))).toBe(true);
  });

  it('every code reference is an exposed module, and every exposed module is used', () => {
    expect(codeRefModules(exts)).toEqual(Object.keys(pkg.consolePlugin.exposedModules).sort());
  });

  it('contributes the actions of every editable kind through one resource provider each', () => {
    const providers = actionProviders(exts);
    expect(providers.map((p) => p.reference).sort()).toEqual(EDITABLE_MODELS.map(referenceOf).sort());
    expect(new Set(providers.map((p) => `${p.module}.${p.export}`))).toEqual(
      new Set(['actions.useMetalLBActions']),
    );
  });
});
