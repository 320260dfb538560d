// The speaker's settings from its flags and environment (the DaemonSet sets the variables).
import { ENV, EXCLUDEL2_FILE, EXCLUDEL2_MOUNT_PATH, MEMBERLIST_MOUNT_PATH, PORTS } from '../api/operand';
import type { BGPType } from '../api/validation';
import {
  COMMON_USAGE,
  commonSettings,
  parseFlags,
  pick,
  port,
  SettingsError,
  type CommonSettings,
  type Env,
} from '../k8s/settings';

export interface SpeakerSettings extends CommonSettings {
  node: string;
  /** The speaker's own Pod: owns its status objects. */
  pod: string | undefined;
  bgpType: BGPType;
  /**
   * Open the node-side sockets (ARP/NDP, gossip) inside this named network namespace: one speaker
   * per simulated node on one machine (tests, the playground). Unset: the process's own namespace.
   */
  netns: string | undefined;
  /** Routers' BGP connections are accepted on this port; 0: never. */
  bgpPort: number;
  /** The mounted `metallb-excludel2` file. */
  excludeL2File: string;
  memberlist: MemberlistSettings;
}

export interface MemberlistSettings {
  /** The address the others reach us at; unset: the Node's InternalIP. */
  bindAddress: string | undefined;
  port: number;
  /** Directory holding the Secret's `secretkey`; no key, no gossip. */
  secretKeyDir: string;
  probeIntervalMs: number | undefined;
  suspicionMs: number | undefined;
}

function positiveMs(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new SettingsError(`${name} must be a positive number of ms, got "${raw}"`);
  return n;
}

const BGP_TYPES: readonly BGPType[] = ['native', 'frr', 'frr-k8s'];

export const SPEAKER_USAGE = [
  'usage: npm run speaker -- --node NAME [options]',
  '',
  `  --node NAME           this speaker's node (${ENV.nodeName}; required)`,
  `  --pod NAME            the speaker's Pod, owner of its status objects (${ENV.podName})`,
  `  --bgp-type TYPE       ${BGP_TYPES.join('|')} (${ENV.bgpType}; default native)`,
  `  --bgp-port N          accept routers' BGP connections on N, 0: never (${ENV.bgpPort}; default ${PORTS.bgp})`,
  '  --netns NAME          open the node-side sockets in this network namespace (tests, playground)',
  `  --excludel2 FILE      interfaces never announced on (default ${EXCLUDEL2_MOUNT_PATH}/${EXCLUDEL2_FILE})`,
  ...COMMON_USAGE,
].join('\n');

export function speakerSettings(argv: readonly string[], env: Env): SpeakerSettings {
  const values = parseFlags(argv, {
    node: { type: 'string' },
    pod: { type: 'string' },
    'bgp-type': { type: 'string' },
    'bgp-port': { type: 'string' },
    netns: { type: 'string' },
    excludel2: { type: 'string' },
  });
  const common = commonSettings(values, env, { httpHost: '', httpPort: PORTS.metrics });
  const node = pick(values, 'node', env, ENV.nodeName);
  if (!node && !common.help)
    throw new SettingsError(`the node name is required: --node NAME or ${ENV.nodeName}`);
  const bgpType = pick(values, 'bgp-type', env, ENV.bgpType) ?? 'native';
  if (!(BGP_TYPES as readonly string[]).includes(bgpType))
    throw new SettingsError(`--bgp-type must be one of ${BGP_TYPES.join(', ')}, got "${bgpType}"`);
  return {
    ...common,
    node: node ?? '',
    pod: pick(values, 'pod', env, ENV.podName),
    bgpType: bgpType as BGPType,
    bgpPort: port(pick(values, 'bgp-port', env, ENV.bgpPort) ?? String(PORTS.bgp), '--bgp-port'),
    netns: pick(values, 'netns', env),
    excludeL2File: pick(values, 'excludel2', env) ?? `${EXCLUDEL2_MOUNT_PATH}/${EXCLUDEL2_FILE}`,
    memberlist: {
      bindAddress: pick(values, '', env, ENV.mlBindAddr),
      port: port(pick(values, '', env, ENV.mlBindPort) ?? String(PORTS.memberlist), ENV.mlBindPort),
      secretKeyDir: pick(values, '', env, ENV.mlSecretKeyPath) ?? MEMBERLIST_MOUNT_PATH,
      probeIntervalMs: positiveMs(pick(values, '', env, ENV.mlProbeIntervalMs), ENV.mlProbeIntervalMs),
      suspicionMs: positiveMs(pick(values, '', env, ENV.mlSuspicionMs), ENV.mlSuspicionMs),
    },
  };
}
