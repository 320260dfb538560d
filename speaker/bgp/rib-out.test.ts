import { describe, expect, it } from 'vitest';
import { routesFor, type Route } from '../../api/announce/advertisement';
import { decodeMessage, encodeMessage } from './codec';
import { diffRibOut, endOfRib, fullTable, routeAttributes, type PeerContext, type RibOut } from './rib-out';
import type { UpdateMessage } from './types';

const EBGP: PeerContext = {
  localAsn: 64512,
  ibgp: false,
  fourOctetAs: true,
  families: [4, 6],
  nextHopV4: '10.0.0.1',
  nextHopV6: '2001:db8::1',
};
const IBGP: PeerContext = { ...EBGP, ibgp: true };

const route = (prefix: string, extra: Partial<Route> = {}): Route => ({
  prefix,
  communities: [],
  largeCommunities: [],
  ...extra,
});
const rib = (...routes: Route[]): RibOut => new Map(routes.map((r) => [r.prefix, r]));

describe('routeAttributes', () => {
  it('eBGP: ORIGIN IGP, AS_PATH [myASN], NEXT_HOP, no LOCAL_PREF', () => {
    expect(routeAttributes(EBGP, route('192.0.2.1/32', { localPref: 300 }))).toEqual({
      origin: 0,
      asPath: [{ kind: 'sequence', asns: [64512] }],
      nextHop: '10.0.0.1',
    });
  });
  it('iBGP: empty AS_PATH and LOCAL_PREF (configured, else 100)', () => {
    expect(routeAttributes(IBGP, route('192.0.2.1/32', { localPref: 300 }))).toMatchObject({
      asPath: [],
      localPref: 300,
    });
    expect(routeAttributes(IBGP, route('192.0.2.1/32'))).toMatchObject({ localPref: 100 });
  });
  it('IPv6 routes carry no NEXT_HOP attribute', () => {
    expect(routeAttributes(EBGP, route('2001:db8::/64')).nextHop).toBeUndefined();
  });
  it('communities and large communities when present', () => {
    const a = routeAttributes(
      EBGP,
      route('192.0.2.1/32', { communities: [1], largeCommunities: [{ global: 1, local1: 2, local2: 3 }] }),
    );
    expect(a.communities).toEqual([1]);
    expect(a.largeCommunities).toEqual([{ global: 1, local1: 2, local2: 3 }]);
  });
});

describe('diffRibOut', () => {
  it('announces new routes grouped by attributes', () => {
    const d = diffRibOut(EBGP, new Map(), [
      route('192.0.2.1/32'),
      route('192.0.2.2/32'),
      route('192.0.2.3/32', { communities: [7] }),
      route('2001:db8::5/128'),
    ]);
    expect(d.updates).toEqual<UpdateMessage[]>([
      {
        type: 'update',
        withdrawn: [],
        attributes: { origin: 0, asPath: [{ kind: 'sequence', asns: [64512] }], nextHop: '10.0.0.1' },
        nlri: ['192.0.2.1/32', '192.0.2.2/32'],
      },
      {
        type: 'update',
        withdrawn: [],
        attributes: {
          origin: 0,
          asPath: [{ kind: 'sequence', asns: [64512] }],
          nextHop: '10.0.0.1',
          communities: [7],
        },
        nlri: ['192.0.2.3/32'],
      },
      {
        type: 'update',
        withdrawn: [],
        attributes: {
          origin: 0,
          asPath: [{ kind: 'sequence', asns: [64512] }],
          mpReach: { afi: 2, safi: 1, nextHops: ['2001:db8::1'], nlri: ['2001:db8::5/128'] },
        },
        nlri: [],
      },
    ]);
    expect([...d.rib.keys()]).toEqual(['192.0.2.1/32', '192.0.2.2/32', '192.0.2.3/32', '2001:db8::5/128']);
  });

  it('withdraws removed routes first (IPv4 field, IPv6 MP_UNREACH)', () => {
    const d = diffRibOut(EBGP, rib(route('192.0.2.1/32'), route('2001:db8::5/128'), route('192.0.2.9/32')), [
      route('192.0.2.9/32'),
      route('198.51.100.0/24'),
    ]);
    expect(d.updates.map((u) => [u.withdrawn, u.attributes.mpUnreach?.withdrawn, u.nlri])).toEqual([
      [['192.0.2.1/32'], undefined, []],
      [[], ['2001:db8::5/128'], []],
      [[], undefined, ['198.51.100.0/24']],
    ]);
  });

  it('re-announces a route whose attributes changed, without withdrawing it', () => {
    const d = diffRibOut(IBGP, rib(route('192.0.2.1/32', { localPref: 100 })), [
      route('192.0.2.1/32', { localPref: 200 }),
    ]);
    expect(d.updates).toHaveLength(1);
    expect(d.updates[0]).toMatchObject({
      withdrawn: [],
      nlri: ['192.0.2.1/32'],
      attributes: { localPref: 200 },
    });
  });

  it('sends nothing when nothing changed', () => {
    const r = route('192.0.2.1/32', {
      communities: [1, 2],
      largeCommunities: [{ global: 1, local1: 1, local2: 1 }],
    });
    expect(diffRibOut(EBGP, rib(r), [{ ...r, communities: [1, 2] }]).updates).toEqual([]);
  });

  it.each<[string, PeerContext, string]>([
    ['IPv6 not negotiated', { ...EBGP, families: [4] }, 'IPv6 unicast not negotiated'],
    ['no IPv6 next hop', { ...EBGP, nextHopV6: undefined }, 'no IPv6 next hop'],
  ])('skips routes the peer cannot take: %s (and withdraws them if sent)', (_n, ctx, reason) => {
    const d = diffRibOut(ctx, rib(route('2001:db8::/64')), [route('2001:db8::/64')]);
    expect(d.skipped).toEqual([{ prefix: '2001:db8::/64', reason }]);
    expect(d.rib.size).toBe(0);
    expect(d.updates.map((u) => u.attributes.mpUnreach?.withdrawn)).toEqual([['2001:db8::/64']]);
  });

  it('canonicalises prefixes and skips invalid ones', () => {
    const d = diffRibOut(EBGP, new Map(), [route('2001:DB8::0/64'), route('10.0.0.7/24'), route('bogus')]);
    expect([...d.rib.keys()].sort()).toEqual(['10.0.0.0/24', '2001:db8::/64']);
    expect(d.skipped).toEqual([{ prefix: 'bogus', reason: 'invalid prefix' }]);
  });

  it('uses the IPv6 link-local next hop when given', () => {
    const d = diffRibOut({ ...EBGP, nextHopV6LinkLocal: 'fe80::1' }, new Map(), [route('2001:db8::/64')]);
    expect(d.updates[0]?.attributes.mpReach?.nextHops).toEqual(['2001:db8::1', 'fe80::1']);
  });

  it('packs thousands of prefixes into messages of at most 4096 octets', () => {
    const many = Array.from({ length: 3000 }, (_, i) => route(`10.${i >> 8}.${i & 0xff}.1/32`));
    const many6 = Array.from({ length: 1500 }, (_, i) => route(`2001:db8::${i.toString(16)}/128`));
    const d = diffRibOut(EBGP, new Map(), [...many, ...many6]);
    expect(d.updates.length).toBeGreaterThan(2);
    let v4 = 0;
    let v6 = 0;
    for (const u of d.updates) {
      const bytes = encodeMessage(u);
      expect(bytes.length).toBeLessThanOrEqual(4096);
      const back = decodeMessage(bytes);
      expect(back).toEqual({ ok: true, message: u });
      v4 += u.nlri.length;
      v6 += u.attributes.mpReach?.nlri.length ?? 0;
    }
    expect([v4, v6]).toEqual([3000, 1500]);
    const gone = diffRibOut(EBGP, d.rib, []);
    for (const u of gone.updates) expect(encodeMessage(u).length).toBeLessThanOrEqual(4096);
    expect(
      gone.updates.reduce(
        (n, u) => n + u.withdrawn.length + (u.attributes.mpUnreach?.withdrawn.length ?? 0),
        0,
      ),
    ).toBe(4500);
  });

  it('works end to end from advertisement specs', () => {
    const { routes } = routesFor([
      { ip: '192.0.2.10', aggregationLength: 24, communities: ['65000:1'], localPref: 150 },
      { ip: '192.0.2.20', aggregationLength: 24, communities: ['large:65000:1:2'] },
    ]);
    const d = diffRibOut(IBGP, new Map(), routes);
    expect(d.updates).toEqual([
      {
        type: 'update',
        withdrawn: [],
        attributes: {
          origin: 0,
          asPath: [],
          nextHop: '10.0.0.1',
          localPref: 150,
          communities: [0xfde80001],
          largeCommunities: [{ global: 65000, local1: 1, local2: 2 }],
        },
        nlri: ['192.0.2.0/24'],
      },
    ]);
  });
});

describe('fullTable and endOfRib', () => {
  const table = rib(route('192.0.2.1/32'), route('2001:db8::/64'));
  it('re-sends everything, or one family', () => {
    expect(fullTable(EBGP, table)).toHaveLength(2);
    expect(fullTable(EBGP, table, 6).map((u) => u.attributes.mpReach?.nlri)).toEqual([['2001:db8::/64']]);
  });
  it('End-of-RIB markers encode as RFC 4724 describes', () => {
    expect(encodeMessage(endOfRib(4)).length).toBe(23);
    expect(
      Buffer.from(encodeMessage(endOfRib(6)))
        .toString('hex')
        .slice(38),
    ).toBe('00000006800f03000201');
  });
});
