// Layer 2's sockets from the native addon, in the node's network namespace (--netns) or our own.
// When the addon cannot load or raw sockets are not permitted, the reason says what is missing
// (e.g. CAP_NET_RAW) and Layer 2 stays off while BGP keeps working.
import { listInterfaces, nativeStatus, openPacketSocket } from '../native';
import type { OpenFrameSocket } from './interface-responder';
import type { InterfaceInfo } from './interfaces';

export type NativeL2 =
  { ok: true; interfaces: () => InterfaceInfo[]; open: OpenFrameSocket } | { ok: false; reason: string };

export function nativeL2(netns: string | undefined): NativeL2 {
  const status = nativeStatus();
  if (!status.ok) return { ok: false, reason: status.reason };
  const where = netns ? { netns } : {};
  return {
    ok: true,
    interfaces: () => listInterfaces(netns),
    open: (ifname, onFrame, onError) => openPacketSocket({ ...where, ifname, onFrame, onError }),
  };
}
