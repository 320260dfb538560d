import { describe, expect, it } from 'vitest';
import { planStatusWrites, type KnownStatus } from './status-writes';

type S = { node: string; peers?: string[] };
const obj = (name: string, key: string, status?: S, creationTimestamp?: string): KnownStatus<S> => ({
  name,
  key,
  ...(status ? { status } : {}),
  ...(creationTimestamp ? { creationTimestamp } : {}),
});

describe('planStatusWrites', () => {
  it('creates for Services without an object, patches changed ones and leaves equal ones alone', () => {
    const plan = planStatusWrites(
      new Map<string, S>([
        ['web/a', { node: 'n1', peers: ['p1'] }],
        ['web/b', { node: 'n1', peers: ['p2'] }],
        ['web/c', { node: 'n1' }],
      ]),
      [
        obj('bgp-a', 'web/a', { node: 'n1', peers: ['p1'] }),
        obj('bgp-b', 'web/b', { node: 'n1', peers: ['p1'] }),
      ],
    );
    expect(plan.create).toEqual([{ key: 'web/c', status: { node: 'n1' } }]);
    expect(plan.patch).toEqual([
      {
        name: 'bgp-b',
        key: 'web/b',
        status: { node: 'n1', peers: ['p2'] },
        patch: { node: 'n1', peers: ['p2'] },
      },
    ]);
    expect(plan.remove).toEqual([]);
    expect([...plan.kept.keys()]).toEqual(['web/a', 'web/b']);
    expect(plan.kept.get('web/b')!.status).toEqual({ node: 'n1', peers: ['p2'] });
  });

  it('keeps the oldest of duplicates and removes the rest and every object no longer desired', () => {
    const plan = planStatusWrites(new Map<string, S>([['web/a', { node: 'n1' }]]), [
      obj('bgp-new', 'web/a', { node: 'n1' }, '2026-01-02T00:00:00Z'),
      obj('bgp-old', 'web/a', { node: 'n0' }, '2026-01-01T00:00:00Z'),
      obj('bgp-gone', 'web/gone', { node: 'n1' }),
    ]);
    expect(plan.patch.map((p) => p.name)).toEqual(['bgp-old']);
    expect(plan.remove.sort()).toEqual(['bgp-gone', 'bgp-new']);
    expect(plan.kept.get('web/a')!.name).toBe('bgp-old');
    expect(plan.create).toEqual([]);
  });

  it('nulls fields the desired status no longer has', () => {
    const plan = planStatusWrites(new Map<string, S>([['web/a', { node: 'n1' }]]), [
      obj('bgp-a', 'web/a', { node: 'n1', peers: ['p1'] }),
    ]);
    expect(plan.patch[0]!.patch).toEqual({ node: 'n1', peers: null });
  });

  it('removes everything when nothing is desired', () => {
    const plan = planStatusWrites(new Map<string, S>(), [obj('x', 'web/a'), obj('y', 'web/b')]);
    expect(plan.remove).toEqual(['x', 'y']);
    expect(plan.kept.size).toBe(0);
  });
});
