import { describe, expect, it } from 'vitest';
import type { Route } from '../../api/announce/advertisement';
import type { Negotiated } from './negotiation';
import type { PeerContext } from './rib-out';
import { peerContextFor, RouteSync } from './route-sync';

const NO_NEXT_HOP: PeerContext = { localAsn: 64512, ibgp: false, fourOctetAs: true, families: [4, 6] };
/** Only an IPv4 next hop: IPv6 routes are skipped. */
const PEER: PeerContext = { ...NO_NEXT_HOP, nextHopV4: '10.0.0.1' };
const route = (prefix: string): Route => ({ prefix, communities: [], largeCommunities: [] });

describe('peerContextFor', () => {
  const negotiated = { ibgp: true, fourOctetAs: false, families: [4, 6] } as unknown as Negotiated;

  it('is nothing before the OPENs are exchanged', () => {
    expect(peerContextFor(1, undefined, '10.0.0.1', {})).toBeUndefined();
  });

  it('takes the next hop of the local address family from the connection', () => {
    expect(peerContextFor(64512, negotiated, '10.0.0.1', {})).toEqual({
      localAsn: 64512,
      ibgp: true,
      fourOctetAs: false,
      families: [4, 6],
      nextHopV4: '10.0.0.1',
    });
    expect(peerContextFor(1, negotiated, '2001:db8::2', {})).toMatchObject({ nextHopV6: '2001:db8::2' });
    expect(peerContextFor(1, negotiated, '2001:db8::2', {})).not.toHaveProperty('nextHopV4');
  });

  it('never uses a link-local address, and prefers the overrides', () => {
    expect(peerContextFor(1, negotiated, 'fe80::1', {})).not.toHaveProperty('nextHopV6');
    const overrides = { nextHopV4: '192.0.2.1', nextHopV6: '2001:db8::9' };
    expect(peerContextFor(1, negotiated, '10.0.0.1', overrides)).toMatchObject(overrides);
  });
});

describe('RouteSync', () => {
  it('sends the desired routes once, then only what changed', () => {
    const sync = new RouteSync();
    sync.setDesired([route('192.0.2.1/32'), route('192.0.2.2/32')]);
    const first = sync.sync(PEER);
    expect(first.sent).toEqual({ announced: ['192.0.2.1/32', '192.0.2.2/32'], withdrawn: [], messages: 1 });
    expect(sync.prefixesSent).toBe(2);
    expect(sync.sync(PEER)).toEqual({ messages: [] });
    expect(sync.desiredPrefixes).toBe(2);

    sync.setDesired([route('192.0.2.2/32'), route('2001:db8::1/128')]);
    const next = sync.sync(PEER);
    expect(next.sent?.withdrawn).toEqual(['192.0.2.1/32']);
    expect(next.sent?.announced).toEqual([]);
    expect(sync.prefixesSent).toBe(1);
  });

  it('reports the routes it cannot send once per change', () => {
    const sync = new RouteSync();
    sync.setDesired([route('2001:db8::1/128')]);
    const skipped = [{ prefix: '2001:db8::1/128', reason: 'no IPv6 next hop' }];
    expect(sync.sync(PEER).newlySkipped).toEqual(skipped);
    expect(sync.sync(PEER).newlySkipped).toBeUndefined();
    expect(sync.skippedRoutes).toEqual(skipped);
    sync.setDesired([]);
    expect(sync.sync(PEER).newlySkipped).toBeUndefined();
    expect(sync.skippedRoutes).toEqual([]);
  });

  it('ends a fresh table with End-of-RIB per family, not counted as route messages', () => {
    const sync = new RouteSync();
    sync.setDesired([route('192.0.2.1/32')]);
    const r = sync.sync(PEER, [4, 6]);
    expect(r.messages).toHaveLength(3);
    expect(r.messages.slice(1)).toEqual([
      { type: 'update', withdrawn: [], attributes: {}, nlri: [] },
      {
        type: 'update',
        withdrawn: [],
        attributes: { mpUnreach: { afi: 2, safi: 1, withdrawn: [] } },
        nlri: [],
      },
    ]);
    expect(r.sent?.messages).toBe(1);
  });

  it('sends End-of-RIB even with nothing to announce (graceful restart helpers wait for it)', () => {
    const r = new RouteSync().sync(PEER, [4, 6]);
    expect(r.messages.map((u) => u.attributes.mpUnreach?.afi ?? 1)).toEqual([1, 2]);
    expect(r.messages.every((u) => u.nlri.length === 0 && u.withdrawn.length === 0)).toBe(true);
    expect(r.sent).toBeUndefined();
  });

  it('sends everything again after forgetting what the peer had', () => {
    const sync = new RouteSync();
    sync.setDesired([route('192.0.2.1/32')]);
    sync.sync(PEER);
    sync.forgetSent();
    expect(sync.prefixesSent).toBe(0);
    expect(sync.sync(PEER).sent?.announced).toEqual(['192.0.2.1/32']);
  });

  it('resends one family on ROUTE-REFRESH without touching the rib-out', () => {
    const sync = new RouteSync();
    sync.setDesired([route('192.0.2.1/32')]);
    sync.sync(PEER);
    expect(sync.resend(PEER, 1).flatMap((u) => u.nlri)).toEqual(['192.0.2.1/32']);
    expect(sync.resend(PEER, 2).flatMap((u) => u.attributes.mpReach?.nlri ?? [])).toEqual([]);
    expect(sync.sync(PEER).messages).toEqual([]);
  });
});
