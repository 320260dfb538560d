import { describe, expect, it } from 'vitest';
import { decide } from './prereqs';

const all = { router: true, bgp: true };

describe('decide', () => {
  it('runs everything when everything is there', () => {
    expect(decide({ frrMissing: [], curl: true }, all)).toEqual({ dataplane: true, frr: true, notes: [] });
  });

  it('without root, starts no namespaces and says how to get them', () => {
    const d = decide({ netns: 'not running as root', frrMissing: [], curl: true }, all);
    expect(d).toMatchObject({ dataplane: false, frr: false });
    expect(d.notes).toEqual([expect.stringMatching(/not running as root.*sudo npm start.*still start/)]);
  });

  it('without FRR, names what is missing and the fix, and keeps Layer 2', () => {
    const d = decide({ frrMissing: ['/usr/lib/frr/bgpd', 'vtysh'], curl: true }, all);
    expect(d).toMatchObject({ dataplane: true, frr: false });
    expect(d.notes).toEqual([
      'no BGP router: /usr/lib/frr/bgpd, vtysh missing; run `bash scripts/system-deps.sh` (Layer 2 still works)',
    ]);
  });

  it('does not ask for FRR when BGP is not wanted', () => {
    expect(decide({ frrMissing: ['vtysh'], curl: true }, { router: true, bgp: false })).toEqual({
      dataplane: true,
      frr: false,
      notes: [],
    });
  });

  it('names a missing curl', () => {
    expect(decide({ frrMissing: [], curl: false }, all).notes).toEqual([
      expect.stringMatching(/^curl is missing/),
    ]);
  });
});
