import { describe, expect, it } from 'vitest';
import { poolsFromConfig } from './pools-from-config';
import { PoolState } from './pool-state';
import { pool, svc } from './scenario-runner';
import { ServiceTable } from './service-table';

function spansOf(addresses: string[]) {
  const p = new PoolState(poolsFromConfig([pool('p', addresses)], []).pools[0]!);
  return [...p.spans4, ...p.spans6];
}

describe('ServiceTable', () => {
  it('reuses the ids of removed Services and lists ids in first-allocation order, like a Map', () => {
    const t = new ServiceTable(4); // tiny, so it grows
    t.reset(spansOf(['10.0.0.0/24']));
    const order: string[] = [];
    const ids = new Map<string, number>();
    for (let i = 0; i < 10; i++) {
      ids.set(`s${i}`, t.add(svc(`s${i}`)));
      order.push(`default/s${i}`);
    }
    for (const name of ['s2', 's5', 's0']) {
      t.remove(ids.get(name)!);
      order.splice(order.indexOf(`default/${name}`), 1);
    }
    const reused = t.add(svc('late'));
    order.push('default/late');
    expect([ids.get('s0'), ids.get('s2'), ids.get('s5')]).toContain(reused);
    t.setService(ids.get('s1')!, svc('s1', { key: 'changed' })); // re-assignment keeps its place
    expect(t.allIds().map((id) => t.service(id).key)).toEqual(order);
    expect(t.idOf('default/s2')).toBe(-1);
    expect(t.service(ids.get('s1')!).sharingKey).toBe('changed');
  });

  it('keeps IPv4 first whatever order the IPs are added in, and formats them on demand', () => {
    const [v4, v6] = spansOf(['10.0.0.0/24', 'fd00::/120']);
    const t = new ServiceTable();
    t.reset([v4!, v6!]);
    const a = t.add(svc('a', { fam: '64' }));
    t.addIP(a, v6!, v6!.head, 5);
    t.addIP(a, v4!, v4!.head, 7);
    const b = t.add(svc('b', { fam: '46' }));
    t.addIP(b, v4!, v4!.head, 1);
    t.addIP(b, v6!, v6!.head, 2);
    expect([t.ip(a, 0), t.ip(a, 1), t.ip(b, 0), t.ip(b, 1)]).toEqual([
      '10.0.0.7',
      'fd00::5',
      '10.0.0.1',
      'fd00::2',
    ]);
    expect([t.span(a, 0), t.offset(a, 1), t.ipCount(a)]).toEqual([v4, 5, 2]);
  });

  it('remembers IPs in blocks beyond a huge span head, and forgets them with the Service', () => {
    const [span] = spansOf(['fd01::/64']);
    const far = span!.locate(0xfd01_0000_0000_0000_8000_0000_0000_0001n); // past the first 2^52
    expect(far.block).not.toBe(span!.head);
    const t = new ServiceTable();
    t.reset([span!]);
    const id = t.add(svc('far', { fam: '6' }));
    t.addIP(id, span!, far.block, far.offset);
    expect([t.ip(id, 0), t.block(id, 0)]).toEqual(['fd01::8000:0:0:1', far.block]);
    t.remove(id);
    const again = t.add(svc('near', { fam: '6' }));
    t.addIP(again, span!, span!.head, 1);
    expect([again, t.ip(again, 0)]).toEqual([id, 'fd01::1']);
  });
});
