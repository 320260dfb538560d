import { BGPPEER_DEFAULTS } from '../defaults';
import { DEFAULT_NAMESPACE } from '../types';
import { defineCRD } from './define-crd';
import {
  array,
  boolean,
  immutable,
  integer,
  labelSelectorList,
  object,
  string,
  stringMap,
} from './schema-builders';
import type { JSONSchemaProps, PrinterColumn } from './schema-types';

export const CONVERSION_WEBHOOK_SERVICE = 'metallb-webhook-service';
export const CONVERSION_WEBHOOK_PATH = '/convert';

export const CONNECT_TIME_RANGE_RULE =
  'duration(self).getSeconds() >= 1 && duration(self).getSeconds() <= 65535';
export const CONNECT_TIME_WHOLE_RULE = 'duration(self).getMilliseconds() % 1000 == 0';

const ASN_MAX = 4294967295;

const legacyNodeSelectors = array(
  object(
    {
      matchLabels: stringMap('Labels that must all be present with these values.'),
      matchExpressions: array(
        object(
          {
            key: string('The label key.'),
            operator: string('In, NotIn, Exists or DoesNotExist.'),
            values: array(string('A label value.'), 'The values (required in this legacy format).', {
              minItems: 1,
            }),
          },
          'A label requirement.',
          { required: ['key', 'operator', 'values'] },
        ),
        'Label requirements; all must match.',
      ),
    },
    'A node selector (legacy v1beta1 format, converted to a label selector in v1beta2).',
  ),
  'Only run the session on nodes matching one of these selectors. Empty means every node.',
);

function duration(description: string): JSONSchemaProps {
  return string(`${description} A Go duration such as "90s" or "1m30s".`, { maxLength: 64 });
}

function specProperties(
  nodeSelectors: JSONSchemaProps,
  portMinimum: number,
): Record<string, JSONSchemaProps> {
  return {
    myASN: integer(
      'The AS number MetalLB uses for its end of the session. Every BGPPeer must use the same myASN.',
      {
        minimum: 0,
        maximum: ASN_MAX,
      },
    ),
    peerASN: integer(
      'The AS number expected from the peer. Exactly one of peerASN and dynamicASN is required.',
      {
        minimum: 0,
        maximum: ASN_MAX,
      },
    ),
    dynamicASN: string(
      'Detect the peer AS number instead of setting peerASN: "internal" accepts only the same AS as myASN (iBGP), "external" only a different one (eBGP).',
      { enum: ['internal', 'external'] },
    ),
    localASN: integer(
      'The AS number presented to this peer instead of myASN (as FRR local-as with no-prepend replace-as).',
      { minimum: 1, maximum: ASN_MAX },
    ),
    peerAddress: string(
      'The IP address to connect to. Exactly one of peerAddress and interface is required.',
    ),
    interface: string(
      'The node interface for an unnumbered BGP session (no peer address). Exactly one of peerAddress and interface is required. Not supported by the native BGP backend yet.',
    ),
    sourceAddress: string('The local IP address to use when connecting.'),
    peerPort: integer('The TCP port to connect to.', {
      minimum: portMinimum,
      maximum: 16384,
      default: BGPPEER_DEFAULTS.peerPort,
    }),
    holdTime: duration('The BGP hold time (RFC 4271): 0 or at least 3s.'),
    keepaliveTime: duration('The BGP keepalive interval; not larger than holdTime.'),
    connectTime: {
      ...duration('How long to wait between connection attempts, whole seconds from 1s to 65535s.'),
      'x-kubernetes-validations': [
        { rule: CONNECT_TIME_RANGE_RULE, message: 'connect time should be between 1 seconds to 65535' },
        { rule: CONNECT_TIME_WHOLE_RULE, message: 'connect time should contain a whole number of seconds' },
      ],
    },
    routerID: string(
      'The BGP router ID (an IPv4 address) to advertise. Optional; when set, it must be the same on every BGPPeer that sets it.',
    ),
    nodeSelectors,
    password: string('The TCP MD5 password for the session. Mutually exclusive with passwordSecret.'),
    passwordSecret: object(
      {
        name: string('The Secret name.'),
        namespace: string(
          `The Secret namespace; must be the MetalLB namespace (${DEFAULT_NAMESPACE} by default).`,
        ),
      },
      'A Secret of type kubernetes.io/basic-auth, in the MetalLB namespace, whose "password" key holds the TCP MD5 password. Mutually exclusive with password.',
      { 'x-kubernetes-map-type': 'atomic' },
    ),
    bfdProfile: string('The name of the BFDProfile for a BFD session alongside the BGP session.'),
    enableGracefulRestart: immutable(
      boolean(
        'Enable BGP graceful restart, so the peer keeps forwarding along known routes while the session restarts. Cannot be changed after creation. Not supported by the native BGP backend yet.',
      ),
      'EnableGracefulRestart cannot be changed after creation',
    ),
    ebgpMultiHop: boolean('The eBGP peer is more than one hop away. Not allowed for iBGP peers.'),
    vrf: string('The host VRF the session runs in. Not supported by the native BGP backend yet.'),
    disableMP: boolean('Deprecated and without effect; use dualStackAddressFamily.', {
      default: BGPPEER_DEFAULTS.disableMP,
    }),
    dualStackAddressFamily: boolean(
      'Enable the session for both IPv4 and IPv6 prefixes, whatever the family of the session address.',
      { default: BGPPEER_DEFAULTS.dualStackAddressFamily },
    ),
  };
}

const REQUIRED = ['myASN'];
const DESCRIPTION = 'BGPPeer is a BGP router MetalLB opens sessions with, from the speaker nodes.';
const COLUMNS: PrinterColumn[] = [
  { name: 'Address', type: 'string', jsonPath: '.spec.peerAddress' },
  { name: 'ASN', type: 'string', jsonPath: '.spec.peerASN' },
  { name: 'BFD Profile', type: 'string', jsonPath: '.spec.bfdProfile' },
  { name: 'Multi Hops', type: 'string', jsonPath: '.spec.ebgpMultiHop' },
];

export const bgpPeerCRD = defineCRD({
  kind: 'BGPPeer',
  plural: 'bgppeers',
  shortNames: ['bgpp'],
  versions: [
    {
      name: 'v1beta1',
      storage: false,
      deprecationWarning: 'metallb.io/v1beta1 BGPPeer is deprecated; use metallb.io/v1beta2 BGPPeer',
      description: DESCRIPTION,
      specRequired: true,
      spec: object(specProperties(legacyNodeSelectors, 0), 'The BGP session settings (deprecated version).', {
        required: REQUIRED,
      }),
      printerColumns: COLUMNS,
    },
    {
      name: 'v1beta2',
      storage: true,
      description: DESCRIPTION,
      specRequired: true,
      spec: object(
        specProperties(
          labelSelectorList(
            'Only run the session on nodes matching one of these selectors. Empty means every node.',
            'A node label selector.',
          ),
          1,
        ),
        'The BGP session settings.',
        { required: REQUIRED },
      ),
      printerColumns: COLUMNS,
    },
  ],
  conversion: {
    strategy: 'Webhook',
    webhook: {
      conversionReviewVersions: ['v1'],
      clientConfig: {
        service: {
          name: CONVERSION_WEBHOOK_SERVICE,
          namespace: DEFAULT_NAMESPACE,
          path: CONVERSION_WEBHOOK_PATH,
        },
      },
    },
  },
});
