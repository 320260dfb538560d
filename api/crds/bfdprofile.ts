import { BFDPROFILE_DEFAULTS } from '../defaults';
import { defineCRD } from './define-crd';
import { boolean, integer, object } from './schema-builders';

const D = BFDPROFILE_DEFAULTS;

export const bfdProfileCRD = defineCRD({
  kind: 'BFDProfile',
  plural: 'bfdprofiles',
  shortNames: ['bfdp'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description:
        'BFDProfile holds the settings of a BFD session that BGPPeers can use for fast failure detection.',
      spec: object(
        {
          receiveInterval: integer(
            'The minimum interval, in milliseconds, at which this system can receive control packets.',
            {
              minimum: 10,
              maximum: 60000,
              default: D.receiveInterval,
            },
          ),
          transmitInterval: integer(
            'The minimum interval, in milliseconds, at which this system wants to send control packets (less jitter).',
            {
              minimum: 10,
              maximum: 60000,
              default: D.transmitInterval,
            },
          ),
          detectMultiplier: integer(
            'How many missed packets declare the session down: the remote transmit interval times this value is the detection time.',
            { minimum: 2, maximum: 255, default: D.detectMultiplier },
          ),
          echoInterval: integer(
            'The minimum echo receive interval, in milliseconds, this system can handle.',
            {
              minimum: 10,
              maximum: 60000,
              default: D.echoInterval,
            },
          ),
          echoMode: boolean(
            'Enable echo mode. Not supported on multi-hop sessions, nor for pools with IPv6 addresses.',
            {
              default: D.echoMode,
            },
          ),
          passiveMode: boolean(
            'Passive session: do not start the connection, wait for control packets from the peer.',
            { default: D.passiveMode },
          ),
          minimumTtl: integer(
            'Multi-hop sessions only: the minimum expected TTL of incoming control packets.',
            {
              minimum: 1,
              maximum: 254,
            },
          ),
        },
        'The BFD session settings; unset fields use the defaults shown.',
        { default: {} },
      ),
      printerColumns: [
        { name: 'Passive Mode', type: 'boolean', jsonPath: '.spec.passiveMode' },
        { name: 'Transmit Interval', type: 'integer', jsonPath: '.spec.transmitInterval' },
        { name: 'Receive Interval', type: 'integer', jsonPath: '.spec.receiveInterval' },
        { name: 'Multiplier', type: 'integer', jsonPath: '.spec.detectMultiplier' },
      ],
    },
  ],
});
