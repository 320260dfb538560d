import { describe, expect, it } from 'vitest';
import { parseCommunity } from './community-literal';
import { parseGoDuration } from './duration';
import { labelKeyProblem } from './label-syntax';

describe('parseGoDuration reads Go duration syntax', () => {
  it.each([
    ['90s', 90e9],
    ['1m30s', 90e9],
    ['1.5h', 5400e9],
    ['300ms', 300e6],
    ['0', 0],
    ['-3s', -3e9],
    ['2h45m', 9900e9],
    ['1µs', 1e3],
    ['.5s', 0.5e9],
  ])('%s is %d ns', (text, ns) => expect(parseGoDuration(text)).toBe(ns));
  it.each(['', '90', 's', '1x', '.s', '1s2', '3 s', '1e3s', '9999999999h'])('%j is not a duration', (text) =>
    expect(parseGoDuration(text)).toBeUndefined(),
  );
});

describe('parseCommunity classifies community strings', () => {
  it.each([
    ['65000:1', 'legacy'],
    ['0:0', 'legacy'],
    ['65535:65535', 'legacy'],
    ['large:4294967295:0:1', 'large'],
  ])('%s is a %s community', (text, kind) => expect(parseCommunity(text)).toMatchObject({ ok: true, kind }));
  it.each([
    ['65536:1', 'value'],
    ['-1:1', 'value'],
    ['a:b', 'value'],
    ['big:1:2:3', 'value'],
    ['large:1:2:4294967296', 'value'],
    ['gold', 'format'],
    ['1:2:3', 'format'],
    ['large:1:2:3:4', 'format'],
  ])('%s is a %s problem', (text, problem) =>
    expect(parseCommunity(text)).toMatchObject({ ok: false, problem }),
  );
});

describe('label keys follow Kubernetes syntax', () => {
  it.each(['app', 'example.com/app', 'a.b-c_d', 'x'.repeat(63)])('label key %s is valid', (k) =>
    expect(labelKeyProblem(k)).toBeUndefined(),
  );
  it.each(['', '-app', 'app-', 'Example.com/app', '/app', 'x'.repeat(64), 'a b'])(
    'label key %j is invalid',
    (k) => expect(labelKeyProblem(k)).toBeDefined(),
  );
});
