import { describe, expect, it } from 'vitest';
import { env, metallb, SEED_PLAIN } from '../test-fixtures';
import {
  consolePlugin,
  consolePluginDeployment,
  consolePluginService,
  consolePluginServiceAccount,
} from './console-plugin';

describe('console plugin', () => {
  const plugin = consolePlugin(env);
  const service = consolePluginService(metallb(SEED_PLAIN), env);

  it('is the cluster-scoped ConsolePlugin metallb-console-plugin of console.openshift.io/v1', () => {
    expect(plugin.apiVersion).toBe('console.openshift.io/v1');
    expect(plugin.metadata.name).toBe('metallb-console-plugin');
    expect(plugin.metadata.namespace).toBeUndefined();
    expect(plugin.metadata.ownerReferences).toBeUndefined();
  });

  it('serves the bundle from its Service at basePath / and preloads translations', () => {
    expect(plugin.spec.backend).toEqual({
      type: 'Service',
      service: { name: 'metallb-console-plugin', namespace: 'metallb-system', port: 9443, basePath: '/' },
    });
    expect(plugin.spec.i18n).toEqual({ loadType: 'Preload' });
  });

  it('proxies the UI API as alias backend with the user’s token', () => {
    expect(plugin.spec.proxy).toEqual([
      {
        alias: 'backend',
        authorization: 'UserToken',
        endpoint: {
          type: 'Service',
          service: { name: 'metallb-console-plugin', namespace: 'metallb-system', port: 9443 },
        },
      },
    ]);
  });

  it('points at a Service that exists, with a service-ca serving certificate', () => {
    expect(service.metadata?.name).toBe(plugin.spec.backend.service.name);
    expect(service.spec?.ports?.[0]?.port).toBe(plugin.spec.backend.service.port);
    expect(service.metadata?.annotations).toEqual({
      'service.beta.openshift.io/serving-cert-secret-name': 'metallb-console-plugin-cert',
    });
  });

  it('runs the UI role over TLS with no API credentials of its own', () => {
    const d = consolePluginDeployment(metallb(SEED_PLAIN), env);
    const spec = d.spec!.template.spec!;
    const c = spec.containers[0]!;
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(consolePluginServiceAccount(metallb(SEED_PLAIN), env).automountServiceAccountToken).toBe(false);
    expect(c.env).toContainEqual({ name: 'METALLB_ROLES', value: 'ui' });
    expect(c.readinessProbe?.httpGet?.scheme).toBe('HTTPS');
    expect(spec.volumes).toContainEqual({
      name: 'serving-cert',
      secret: { secretName: 'metallb-console-plugin-cert' },
    });
    expect(d.spec?.selector.matchLabels).toEqual(service.spec?.selector);
  });

  it('uses the console plugin image when given, the controller image otherwise', () => {
    const image = (e: typeof env) =>
      consolePluginDeployment(metallb(SEED_PLAIN), e).spec?.template.spec?.containers[0]?.image;
    expect(image(env)).toBe(env.controllerImage);
    expect(image({ ...env, consolePluginImage: 'registry.example/metallb/ui:v1' })).toBe(
      'registry.example/metallb/ui:v1',
    );
  });
});
