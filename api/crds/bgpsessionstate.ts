import { AGE_COLUMN, defineCRD } from './define-crd';
import { EMPTY_SPEC, integer, object, string } from './schema-builders';

export const bgpSessionStateCRD = defineCRD({
  kind: 'BGPSessionState',
  plural: 'bgpsessionstates',
  shortNames: ['bgpsess'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description: "BGPSessionState is one speaker node's view of one BGP session, written by that speaker.",
      spec: EMPTY_SPEC,
      status: object(
        {
          node: string('The node running the session.'),
          peer: string('The name of the BGPPeer.'),
          peerAddress: string('The address (or interface, for unnumbered sessions) of the peer.'),
          vrf: string('The VRF of the session, if any.'),
          bgpState: string('The BGP finite state machine state (RFC 4271).', {
            enum: ['Idle', 'Connect', 'Active', 'OpenSent', 'OpenConfirm', 'Established'],
          }),
          bfdState: string('The BFD session state, or N/A without a BFD profile.', {
            enum: ['AdminDown', 'Down', 'Init', 'Up', 'N/A'],
          }),
          establishedSince: string('When the session last reached Established.', { format: 'date-time' }),
          prefixesSent: integer('Number of prefixes advertised to the peer.', { minimum: 0 }),
          prefixesReceived: integer('Number of prefixes received from the peer (MetalLB accepts none).', {
            minimum: 0,
          }),
          lastError: string('The last error of the session (e.g. a NOTIFICATION or a connection failure).'),
        },
        'The session state.',
      ),
      printerColumns: [
        { name: 'Node', type: 'string', jsonPath: '.status.node' },
        { name: 'Peer', type: 'string', jsonPath: '.status.peer' },
        { name: 'BGP', type: 'string', jsonPath: '.status.bgpState' },
        { name: 'BFD', type: 'string', jsonPath: '.status.bfdState' },
        AGE_COLUMN,
      ],
    },
  ],
});
