// The words and examples of the OLM bundle: OperatorHub shows the description, and offers the
// examples as starting points when a user creates each kind (the MetalLB one first, as the seed
// creates it right after installing).
export const ALM_EXAMPLES = [
  {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'MetalLB',
    metadata: { name: 'metallb', namespace: 'metallb-system' },
  },
  {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name: 'doc-example', namespace: 'metallb-system' },
    spec: { addresses: ['192.0.2.100-192.0.2.255', '2001:db8::/124'], autoAssign: true },
  },
  {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'L2Advertisement',
    metadata: { name: 'l2-adv', namespace: 'metallb-system' },
    spec: { ipAddressPools: ['doc-example'] },
  },
  {
    apiVersion: 'metallb.io/v1beta2',
    kind: 'BGPPeer',
    metadata: { name: 'doc-example-peer', namespace: 'metallb-system' },
    spec: { peerAddress: '192.0.2.1', peerASN: 64501, myASN: 64500, bfdProfile: 'doc-example-bfd' },
  },
  {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'BGPAdvertisement',
    metadata: { name: 'bgp-adv', namespace: 'metallb-system' },
    spec: { ipAddressPools: ['doc-example'], communities: ['65535:65282'], localPref: 100 },
  },
  {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'BFDProfile',
    metadata: { name: 'doc-example-bfd', namespace: 'metallb-system' },
    spec: { receiveInterval: 300, transmitInterval: 300, detectMultiplier: 3 },
  },
  {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'Community',
    metadata: { name: 'communities', namespace: 'metallb-system' },
    spec: { communities: [{ name: 'NO_ADVERTISE', value: '65535:65282' }] },
  },
];

export const CSV_DESCRIPTION = `MetalLB gives Services of type LoadBalancer an external IP address on clusters that run on
bare metal, and makes the network reach it: in Layer 2 mode one node answers ARP and NDP for the
address and another takes over within about a second when it fails; in BGP mode every eligible node
advertises the address to your routers, with BFD to notice a broken path fast.

This operator installs MetalLB once you create a MetalLB resource in its namespace:

1. Install the operator (suggested namespace: metallb-system).
2. Create the MetalLB resource (the first example); the operator deploys the controller and one
   speaker per node, and reports Available, Progressing and Degraded conditions on it.
3. Create an IPAddressPool and an L2Advertisement or a BGPPeer with a BGPAdvertisement.

The MetalLB console plugin adds an overview, a topology view, forms that check every field as you
type, and a MetalLB tab on each Service showing its address and which nodes announce it. The API is
upstream MetalLB's (metallb.io), so existing configuration applies unchanged.`;
