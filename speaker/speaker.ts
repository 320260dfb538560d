// The speaker's loop, runnable in-process (main.ts is its command-line shell): watch everything
// (SpeakerWatches), and after each relevant change compute desiredState and apply it: the BGP
// sessions and their routes (BgpManager), the ServiceL2Status/ServiceBGPStatus objects, and the
// speaker's ConfigurationState. Passes are serialized; a failed pass is retried after a delay.
//
// Layer 2 answers on the wire through `l2` (speaker/l2/layer2.ts); without it (no raw sockets)
// no ServiceL2Status is claimed. Node failures come from `membership` (gossip); without it every
// Node counts as alive. BGP sockets (TCP-MD5, TTL, network namespace) and BFD come from `bgp`.
import { KUBE_KINDS, resourcePath } from '../api/kinds';
import type { OwnerReference, ServiceBGPStatusStatus, ServiceL2StatusStatus } from '../api/types';
import type { BGPType } from '../api/validation';
import type { ApiClient } from '../k8s/api-client';
import { EventRecorder } from '../k8s/event-recorder';
import { AnnouncementSignals, type Protocol } from './announcement-signals';
import type { Logger } from '../k8s/log';
import { BgpManager, type BfdControl, type NextHops } from './bgp/manager';
import { familyOfAddress } from './bgp/prefix';
import type { BgpSockets } from './bgp/sockets';
import { desiredState, ServicePlanMemo } from '../api/announce/desired-state';
import { L2RankingMemo } from '../api/announce/l2-ranking';
import type { InterfaceInfo } from './l2/interfaces';
import type { OpenFrameSocket } from './l2/interface-responder';
import { Layer2 } from './l2/layer2';
import { readyNodes } from '../api/announce/nodes';
import { answeringL2Statuses } from '../api/announce/statuses';
import { SpeakerWatches } from './k8s/watches';
import { speakerConfigErrors, speakerConfigurationStateWriter } from './status/configuration-state';
import { BGP_STATUS, L2_STATUS, ServiceStatusWriter } from './status/service-status-writer';
import { BGPSessionStateWriter } from './status/session-state-writer';

export interface SpeakerOptions {
  /** The caller's client; the speaker does not close it. */
  client: ApiClient;
  node: string;
  /** The MetalLB namespace. */
  namespace: string;
  bgpType?: BGPType;
  /** Only Services of this loadBalancerClass (unset: only Services without a class). */
  lbClass?: string;
  /** The speaker Pod: owns the status objects. */
  owner?: OwnerReference;
  /** Router ID for peers without one; default: upstream's rule (see bgp/peer-options.ts). */
  routerId?: string;
  /**
   * Next hops to announce instead of each connection's local address (nodes whose BGP source
   * address does not forward; tests on loopback, where routers refuse a 127/8 next hop).
   */
  nextHops?: NextHops;
  /** BGP transport: sockets, the listener for routers' connections, BFD. */
  bgp?: BgpTransportOptions;
  /** Layer 2 on the wire: the node's interfaces and raw sockets on them; absent: L2 is not announced. */
  l2?: {
    interfaces: () => InterfaceInfo[];
    open: OpenFrameSocket;
    /** The `metallb-excludel2` patterns now. */
    excluded: () => readonly RegExp[];
    graceMs?: number;
  };
  /** Which speakers are alive (gossip); absent: every Node counts as alive for L2 elections. */
  membership?: Membership;
  debounceMs?: number;
  sessionStateDebounceMs?: number;
  retryMs?: number;
  log?: Logger;
}

export interface BgpTransportOptions {
  /** Default: Node's own sockets (no TCP-MD5, no TTL control, no namespace). */
  sockets?: BgpSockets;
  /** Accept routers' connections on this port (both families); absent: never. */
  listenPort?: number;
  /** The node's interfaces and their addresses: router IDs of IPv6-only sessions. */
  interfaces?: () => { addresses: readonly string[] }[];
  /** Starts BFD, telling `changed` of every state change; absent: peers with a BFDProfile are refused. */
  bfd?: (
    changed: (peerAddress: string, state: string, previous: string, peerAdminDown: boolean) => void,
  ) => BfdControl & {
    stop(): Promise<void> | void;
  };
}

export interface Membership {
  /** Names of the live members now, or null when membership is unknown (then every Node counts). */
  members(): ReadonlySet<string> | null;
  /** Called when the live set changes, or when others took us for dead (they may have taken our IPs). */
  onChange(listener: () => void): void;
}

export interface Speaker {
  /** True once the caches are synced and a pass has completed. */
  ready(): boolean;
  /** Stops watching, stops the BGP sessions (routers withdraw) and flushes the status writers. */
  stop(): Promise<void>;
}

/** Service key -> the protocols announcing it from this node. */
function announcedBy(layer2: Iterable<string>, bgp: Iterable<string>): Map<string, Set<Protocol>> {
  const out = new Map<string, Set<Protocol>>();
  const add = (key: string, p: Protocol) => (out.get(key) ?? out.set(key, new Set()).get(key)!).add(p);
  for (const key of layer2) add(key, 'layer2');
  for (const key of bgp) add(key, 'bgp');
  return out;
}

/** The owner reference of the speaker Pod, or undefined when it cannot be read. */
export async function podOwner(
  client: ApiClient,
  namespace: string,
  pod: string,
): Promise<OwnerReference | undefined> {
  const p = await client.get<{ metadata: { name: string; uid: string } }>(
    resourcePath(KUBE_KINDS.Pod, { namespace, name: pod }),
  );
  return { apiVersion: 'v1', kind: 'Pod', name: p.metadata.name, uid: p.metadata.uid, controller: true };
}

export async function startSpeaker(opts: SpeakerOptions): Promise<Speaker> {
  const { node, namespace, log } = opts;
  const { client } = opts;
  const owner = opts.owner ? { owner: opts.owner } : {};
  const logger = log ? { log } : {};
  const sessionStates = new BGPSessionStateWriter(client, {
    namespace,
    node,
    ...owner,
    ...logger,
    ...(opts.sessionStateDebounceMs !== undefined ? { debounceMs: opts.sessionStateDebounceMs } : {}),
  });
  const l2Statuses = new ServiceStatusWriter<ServiceL2StatusStatus>(client, {
    namespace,
    node,
    kind: L2_STATUS,
    ...owner,
    ...logger,
  });
  const bgpStatuses = new ServiceStatusWriter<ServiceBGPStatusStatus>(client, {
    namespace,
    node,
    kind: BGP_STATUS,
    ...owner,
    ...logger,
  });
  const configState = speakerConfigurationStateWriter(client, namespace, node);
  const recorder = log && new EventRecorder(client, 'metallb-speaker', node, () => true, log);
  const signals = new AnnouncementSignals(node, recorder, (key) => {
    const slash = key.indexOf('/');
    return watches?.services.get(key.slice(slash + 1), key.slice(0, slash));
  });

  let watches: SpeakerWatches | undefined = undefined;
  const bfd = opts.bgp?.bfd?.((peer, state, previous, adminDown) =>
    bgp.bfdChanged(peer, state, previous, adminDown),
  );
  const bgp = new BgpManager({
    env: {
      nodeName: node,
      namespace,
      // The process's start: graceful restart's R bit says "just restarted" for the restart time.
      startedAt: Math.round(performance.timeOrigin),
      ...(opts.routerId ? { routerId: opts.routerId } : {}),
      ...(opts.nextHops ? { nextHops: opts.nextHops } : {}),
      secret: (name) => watches?.secrets.get(name, namespace),
      interfaceIPv4: (local) => {
        const holder = opts.bgp?.interfaces?.().find((i) => i.addresses.includes(local));
        return holder?.addresses.find((a) => familyOfAddress(a) === 4);
      },
    },
    ...(opts.bgp?.sockets ? { sockets: opts.bgp.sockets } : {}),
    ...(opts.bgp?.listenPort !== undefined ? { listen: { port: opts.bgp.listenPort } } : {}),
    ...(bfd ? { bfd } : {}),
    states: sessionStates,
    ...logger,
  });

  const layer2 =
    opts.l2 &&
    new Layer2({
      ...opts.l2,
      onChange: () => trigger(),
      ...logger,
    });

  let membershipChanged = false;
  opts.membership?.onChange(() => {
    membershipChanged = true;
    trigger();
  });

  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let passed = false;
  let retry: NodeJS.Timeout | undefined;
  // The Layer 2 election's memory from pass to pass (at 1,000 nodes it saves seconds per pass).
  const l2Memo = new L2RankingMemo();
  // Each Service's outcome from pass to pass: a pass after one Service changed replans that one.
  const serviceMemo = new ServicePlanMemo();

  const pass = async (w: SpeakerWatches) => {
    const planStart = performance.now();
    const causes = w.takeCauses();
    const inputs = w.snapshot();
    const desired = desiredState({
      ...inputs,
      node,
      // Gossip when it runs and has joined; else the kubelets' view of the Nodes.
      members: opts.membership?.members() ?? readyNodes(inputs.nodes),
      ...(opts.lbClass ? { lbClass: opts.lbClass } : {}),
      l2Memo,
      serviceMemo,
    });
    // The pure part of a pass (snapshot + plan), for benchmarks (npm run bench -- scale).
    const planMs = Number((performance.now() - planStart).toFixed(2));
    log?.debug(
      {
        planMs,
        causes,
        sessions: desired.bgp.sessions.map((s) => ({ peer: s.peer, routes: s.routes.length })),
        bgpSkipped: desired.bgp.skipped.map((s) => `${s.key}: ${s.reason}`),
        ignored: desired.ignored.map((i) => `${i.key}: ${i.reason}`),
        problems: desired.bgp.problems,
      },
      'planned',
    );
    // Sessions first: routes reach the routers before the statuses claim them.
    await bgp.sync(desired.bgp.sessions);
    // The ServiceL2Statuses claim only what answers on the wire.
    const answering = layer2?.update(desired.l2.announce) ?? new Map<string, string[]>();
    if (membershipChanged) {
      membershipChanged = false;
      layer2?.reannounce();
    }
    // Written in the background: the next pass does not wait for thousands of status writes.
    l2Statuses.submit(answeringL2Statuses(desired.l2Statuses, answering, serviceMemo.statuses));
    bgpStatuses.submit(desired.bgpStatuses);
    signals.update(announcedBy(answering.keys(), desired.bgpStatuses.keys()));
    await configState.write(
      speakerConfigErrors(w.configInput(), { namespace, bgpType: opts.bgpType ?? 'native' }),
    );
  };

  const trigger = (): void => {
    if (stopped || !watches) return;
    if (running) {
      again = true;
      return;
    }
    const w = watches;
    running = pass(w)
      .then(() => {
        passed = true;
      })
      .catch((err: Error) => {
        log?.warn({ err: err.message }, 'speaker pass failed; retrying');
        clearTimeout(retry);
        retry = setTimeout(trigger, opts.retryMs ?? 2_000);
        retry.unref?.();
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          trigger();
        }
      });
  };

  watches = new SpeakerWatches(client, {
    namespace,
    node,
    onChange: trigger,
    onConfigurationStateDeleted: () => {
      configState.reset();
      trigger();
    },
    ...(opts.debounceMs !== undefined ? { debounceMs: opts.debounceMs } : {}),
    ...logger,
  });
  await watches.start();

  return {
    ready: () => !stopped && passed && (watches?.isSynced() ?? false),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(retry);
      watches?.stop();
      await running?.catch(() => undefined);
      l2Statuses.stop();
      bgpStatuses.stop();
      layer2?.stop();
      await bgp.stop();
      await bfd?.stop();
      await sessionStates.flush().catch(() => undefined);
      sessionStates.close();
    },
  };
}
