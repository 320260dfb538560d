import { expect, it } from 'vitest';
import { notificationInfo, updateReceivedEvent } from './session-events';

it('describes a NOTIFICATION with hex data and names', () => {
  expect(notificationInfo({ code: 6, subcode: 2, data: Uint8Array.of(0xab, 1) })).toEqual({
    code: 6,
    subcode: 2,
    data: 'ab01',
    description: 'Cease / Administrative Shutdown',
  });
});

it('merges classic and MP routes of a received UPDATE', () => {
  expect(
    updateReceivedEvent({
      type: 'update',
      withdrawn: ['10.0.0.0/8'],
      nlri: ['192.0.2.0/24'],
      attributes: {
        communities: [1],
        mpReach: { afi: 2, safi: 1, nextHops: ['2001:db8::1'], nlri: ['2001:db8:1::/48'] },
        mpUnreach: { afi: 2, safi: 1, withdrawn: ['2001:db8:2::/48'] },
      },
    }),
  ).toEqual({
    type: 'updateReceived',
    nlri: ['192.0.2.0/24', '2001:db8:1::/48'],
    withdrawn: ['10.0.0.0/8', '2001:db8:2::/48'],
    nextHop: '2001:db8::1',
    communities: [1],
  });
  expect(updateReceivedEvent({ type: 'update', withdrawn: [], nlri: [], attributes: {} })).toEqual({
    type: 'updateReceived',
    nlri: [],
    withdrawn: [],
  });
});
