import { describe, expect, it } from 'vitest';
import { webhookSettings } from './settings';

describe('webhookSettings', () => {
  it("listens on upstream's port with self-managed certificates in a cluster", () => {
    expect(webhookSettings({}, false)).toEqual({
      port: 9443,
      host: '0.0.0.0',
      certDir: undefined,
      service: 'metallb-webhook-service',
      configurationName: 'metallb-webhook-configuration',
      bgpType: 'native',
      version: 'dev',
    });
  });

  it('takes any free loopback port in development', () => {
    expect(webhookSettings({}, true)).toMatchObject({ port: 0, host: '127.0.0.1' });
  });

  it('reads the operator-rendered variables', () => {
    expect(
      webhookSettings(
        {
          METALLB_WEBHOOK_PORT: '10443',
          METALLB_WEBHOOK_CERT_DIR: '/certs',
          METALLB_WEBHOOK_SERVICE: 'svc',
          METALLB_WEBHOOK_CONFIGURATION: 'cfg',
          METALLB_BGP_TYPE: 'frr-k8s',
        },
        false,
      ),
    ).toMatchObject({
      port: 10443,
      certDir: '/certs',
      service: 'svc',
      configurationName: 'cfg',
      bgpType: 'frr-k8s',
    });
  });
});
