import { describe, expect, it } from 'vitest';
import { sessionStateName } from './session-state-name';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

describe('sessionStateName', () => {
  it.each([
    ['node-a', 'peer1', 'node-a-peer1'],
    ['worker-0.example.com', 'tor', 'worker-0.example.com-tor'],
  ])('%s + %s is kept as %s', (node, peer, want) => {
    expect(sessionStateName(node, peer)).toBe(want);
  });

  it.each([
    ['Node_A', 'peer'],
    ['node', 'PEER'],
    ['-node', 'peer-'],
    ['n'.repeat(200), 'p'.repeat(100)],
  ])('%s + %s is sanitised to a valid, distinct name', (node, peer) => {
    const name = sessionStateName(node, peer);
    expect(name).toMatch(DNS1123_SUBDOMAIN);
    expect(name.length).toBeLessThanOrEqual(253);
    expect(name).not.toBe(sessionStateName(node.toLowerCase() + 'x', peer));
  });

  it('keeps pairs that sanitise alike apart', () => {
    expect(sessionStateName('Node', 'p')).not.toBe(sessionStateName('node', 'p'));
  });
});
