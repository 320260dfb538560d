// The live check every form runs (liveMessages): the webhook's validation core plus the
// apiserver's name rule, placed at the name field of each kind's form.
import { describe, expect, it } from 'vitest';
import { METALLB_NAMESPACE } from '../models';
import { bfdToObject, emptyBFD } from '../views/bfd-profiles/convert';
import { bgpAdToObject, emptyBGPAd } from '../views/bgp-advertisements/convert';
import { emptyPeer, peerToObject } from '../views/bgp-peers/convert';
import { communityToObject, emptyCommunity } from '../views/communities/convert';
import { emptyL2, l2ToObject } from '../views/l2-advertisements/convert';
import { emptyMetalLB, metallbToObject } from '../views/metallb/convert';
import { emptyPool, poolToObject } from '../views/pools/convert';
import { assignMessages } from './field-errors';
import type { FormObject } from './form-spec';
import { liveMessages } from './use-form-messages';

/** Each form's object for a name, built as the form builds it. */
const FORMS: [kind: string, object: (name: string) => FormObject][] = [
  ['IPAddressPool', (name) => poolToObject({ ...emptyPool(), name }, METALLB_NAMESPACE)],
  ['L2Advertisement', (name) => l2ToObject({ ...emptyL2(), name }, METALLB_NAMESPACE)],
  ['BGPAdvertisement', (name) => bgpAdToObject({ ...emptyBGPAd(), name }, METALLB_NAMESPACE)],
  ['BGPPeer', (name) => peerToObject({ ...emptyPeer(), name }, METALLB_NAMESPACE)],
  ['BFDProfile', (name) => bfdToObject({ ...emptyBFD(), name }, METALLB_NAMESPACE)],
  ['Community', (name) => communityToObject({ ...emptyCommunity(), name }, METALLB_NAMESPACE)],
  ['MetalLB', (name) => metallbToObject({ ...emptyMetalLB(), name }, METALLB_NAMESPACE)],
];

function nameMessages(obj: FormObject): string[] {
  const live = liveMessages(obj, {}, { namespace: METALLB_NAMESPACE, bgpType: 'native' });
  return assignMessages(live, ['metadata.name']).byField.get('metadata.name') ?? [];
}

describe('liveMessages: metadata.name', () => {
  it.each(FORMS)('the %s form shows a bad name at its name field', (kind, object) => {
    expect(nameMessages(object('bad_name'))).toContainEqual(
      expect.stringMatching(new RegExp(`^${kind} "bad_name" metadata\\.name: invalid name "bad_name"`)),
    );
  });

  it.each(['good-name', 'pool.example.com'])('says nothing about the valid name %j', (name) => {
    expect(nameMessages(FORMS[0]![1](name))).toEqual([]);
  });

  it('reports an empty name once, as missing', () => {
    expect(nameMessages(FORMS[0]![1](''))).toEqual([
      'IPAddressPool "<unnamed>" metadata.name: missing name: every object needs metadata.name',
    ]);
  });
});
