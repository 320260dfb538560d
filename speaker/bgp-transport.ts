// The speaker's BGP transport from its settings: the native addon's sockets when it loads (TCP-MD5,
// TTL, the --netns namespace), else Node's (passwords and BFD then refused per peer, with the
// reason); the listener port; BFD over the addon's UDP sockets.
import type { Logger } from '../k8s/log';
import { BfdManager } from './bfd/manager';
import { nativeBfdTransport } from './bfd/native-transport';
import { nativeSockets } from './bgp/native-sockets';
import { nodeSockets } from './bgp/sockets';
import { addonError, listInterfaces } from './native';
import type { SpeakerSettings } from './settings';
import type { BgpTransportOptions } from './speaker';

export function bgpTransport(settings: SpeakerSettings, log: Logger): BgpTransportOptions {
  const missing = addonError();
  const listen = settings.bgpPort > 0 ? { listenPort: settings.bgpPort } : {};
  if (missing) {
    if (settings.netns) {
      log.fatal({ reason: missing }, 'BGP in a network namespace (--netns) needs the native addon');
      process.exit(1);
    }
    log.error({ reason: missing }, 'BGP without the native addon: passwords, TTL and BFD are unavailable');
    return { sockets: nodeSockets(`the native addon (${missing})`), ...listen };
  }
  return {
    sockets: nativeSockets(settings.netns),
    ...listen,
    interfaces: () => listInterfaces(settings.netns),
    bfd: (changed) => {
      const bfd = new BfdManager({
        transport: nativeBfdTransport(settings.netns ? { netns: settings.netns } : {}),
        log,
      });
      bfd.onChange((peer, c) => changed(peer, c.state, c.previous, c.remoteState === 'AdminDown'));
      return bfd;
    },
  };
}
