import { describe, expect, it } from 'vitest';
import { readyNodes } from './nodes';

const node = (name: string, ready?: 'True' | 'False' | 'Unknown') => ({
  metadata: { name },
  status: { conditions: ready ? [{ type: 'Ready', status: ready }] : [] },
});

describe('readyNodes (the live set without gossip)', () => {
  it('counts the Nodes whose kubelet reports Ready', () => {
    expect(readyNodes([node('a', 'True'), node('b', 'False'), node('c', 'Unknown'), node('d')])).toEqual(
      new Set(['a']),
    );
  });

  it('counts every Node when none reports readiness', () => {
    expect(readyNodes([node('a'), node('b')])).toBeNull();
  });
});
