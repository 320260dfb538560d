import { describe, expect, it } from 'vitest';
import { commonSettings, parseFlags, SettingsError } from './settings';

const defaults = { httpHost: '127.0.0.1', httpPort: 8080 };
const parse = (argv: string[], env: Record<string, string> = {}) =>
  commonSettings(parseFlags(argv, {}), env, defaults);

describe('commonSettings', () => {
  it('takes the defaults when neither flag nor variable is set', () => {
    expect(parse([])).toEqual({
      namespace: 'metallb-system',
      httpHost: '127.0.0.1',
      httpPort: 8080,
      logLevel: 'info',
      lbClass: undefined,
      help: false,
    });
  });

  it('prefers a flag to its variable, and a variable to the default', () => {
    const env = { METALLB_NAMESPACE: 'from-env', METALLB_HTTP_PORT: '7000', METALLB_LOG_LEVEL: 'debug' };
    expect(parse([], env)).toMatchObject({ namespace: 'from-env', httpPort: 7000, logLevel: 'debug' });
    expect(parse(['--namespace', 'from-flag', '--http-port=9000'], env)).toMatchObject({
      namespace: 'from-flag',
      httpPort: 9000,
      logLevel: 'debug',
    });
    expect(parse([], { METALLB_LB_CLASS: 'metallb.io/metallb' }).lbClass).toBe('metallb.io/metallb');
  });

  it('treats an empty variable as unset', () => {
    expect(parse([], { METALLB_HTTP_HOST: '' }).httpHost).toBe('127.0.0.1');
  });

  it.each([
    [['--http-port', 'http'], /--http-port must be a port number/],
    [['--http-port', '70000'], /--http-port must be a port number/],
    [['--log-level', 'loud'], /--log-level must be one of/],
    [['--port', '80'], /Unknown option '--port'/],
  ])('refuses %j with a SettingsError', (argv, message) => {
    expect(() => parse(argv)).toThrow(SettingsError);
    expect(() => parse(argv)).toThrow(message);
  });

  it('notices --help', () => {
    expect(parse(['-h']).help).toBe(true);
  });
});
