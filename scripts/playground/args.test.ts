import { describe, expect, it } from 'vitest';
import { parsePlaygroundArgs, superviseArgv } from './args';

describe('parsePlaygroundArgs', () => {
  it.each([
    [
      [],
      {
        mode: 'start',
        detach: false,
        nodes: 3,
        l2: true,
        bgp: true,
        router: true,
        port: 8080,
        console: false,
      },
    ],
    [['--console'], { console: true }],
    [['--detach', '--nodes', '5'], { mode: 'start', detach: true, nodes: 5 }],
    [['--help'], { mode: 'help' }],
    [['-h'], { mode: 'help' }],
    [['--stop'], { mode: 'stop' }],
    [['--l2-only'], { l2: true, bgp: false, router: true }],
    [['--bgp-only'], { l2: false, bgp: true, router: true }],
    [['--no-router'], { l2: true, bgp: false, router: false }],
    [['--port', '0'], { port: 0 }],
  ])('%j', (argv, want) => {
    expect(parsePlaygroundArgs(argv, {})).toMatchObject(want);
  });

  it('takes the port from $PORT', () => {
    expect(parsePlaygroundArgs([], { PORT: '9090' }).port).toBe(9090);
  });

  it.each([
    [['--nodes', '0'], /--nodes must be a whole number from 1 to 50/],
    [['--nodes', 'x'], /--nodes/],
    [['--nodes', '51'], /--nodes/],
    [['--port', '70000'], /--port/],
    [['--l2-only', '--bgp-only'], /exclude each other/],
    [['--bgp-only', '--no-router'], /needs the router/],
    [['--bogus'], /bogus/],
  ])('refuses %j', (argv, err) => {
    expect(() => parsePlaygroundArgs(argv, {})).toThrow(err);
  });

  it.each([
    [[]],
    [['--l2-only']],
    [['--bgp-only']],
    [['--no-router']],
    [['--nodes', '7', '--port', '0']],
    [['--console']],
  ])('a supervisor repeats the choices of %j', (argv) => {
    const a = parsePlaygroundArgs(argv, {});
    expect(parsePlaygroundArgs(superviseArgv(a), {})).toEqual({ ...a, supervise: true });
  });
});
