import { describe, expect, it } from 'vitest';
import { SettingsError } from '../k8s/settings';
import { backendSettings } from './settings';

describe('backendSettings', () => {
  it('runs every role on 127.0.0.1:8080 by default', () => {
    expect(backendSettings([], {})).toMatchObject({
      dev: false,
      roles: ['operator', 'controller', 'webhook', 'ui'],
      httpHost: '127.0.0.1',
      httpPort: 8080,
      tls: undefined,
    });
  });

  it('reads the variables the operator renders for its operands', () => {
    const s = backendSettings([], {
      METALLB_ROLES: 'controller,webhook',
      METALLB_HTTP_HOST: '0.0.0.0',
      METALLB_HTTP_PORT: '7472',
      METALLB_TLS_CERT_FILE: '/tls/tls.crt',
      METALLB_TLS_KEY_FILE: '/tls/tls.key',
    });
    expect(s).toMatchObject({
      roles: ['controller', 'webhook'],
      httpHost: '0.0.0.0',
      httpPort: 7472,
      tls: { certFile: '/tls/tls.crt', keyFile: '/tls/tls.key' },
    });
  });

  it('takes the same flags as the speaker', () => {
    expect(backendSettings(['--dev', '--http-port', '0', '--lb-class', 'x/y'], {})).toMatchObject({
      dev: true,
      httpPort: 0,
      lbClass: 'x/y',
    });
  });

  it('refuses an unknown role and a certificate without its key', () => {
    expect(() => backendSettings(['--roles', 'controller,speaker'], {})).toThrow(SettingsError);
    expect(() => backendSettings([], { METALLB_TLS_CERT_FILE: '/tls/tls.crt' })).toThrow(
      /METALLB_TLS_CERT_FILE and METALLB_TLS_KEY_FILE must be set together/,
    );
  });
});
