// What the speaker watches: the metallb.io configuration of the MetalLB namespace, and Services,
// EndpointSlices and Nodes cluster-wide, each in a Reflector cache. Relevant changes (see
// change-filters.ts) trigger one debounced `onChange`; the owner then plans from snapshot().
import type { KubernetesObject, V1EndpointSlice, V1Node, V1Secret, V1Service } from '@kubernetes/client-node';
import { KUBE_KINDS, METALLB_KINDS } from '../../api/kinds';
import { STATUS_LABELS } from '../../api/operand';
import type {
  BFDProfile,
  BGPAdvertisement,
  BGPPeer,
  Community,
  ConfigurationState,
  IPAddressPool,
  L2Advertisement,
} from '../../api/types';
import type { ConfigInput } from '../../api/validation';
import type { ApiClient } from '../../k8s/api-client';
import { Reflector } from '../../k8s/reflector';
import { endpointSliceView, nodeView, serviceView } from './views';
import type { Logger } from '../../k8s/log';
import type { PlanInput } from '../../api/announce/desired-state';
import { configChanged, endpointSliceChanged, nodeChanged, serviceChanged } from './change-filters';
import { Debouncer } from './debounce';

export interface SpeakerWatchOptions {
  /** The MetalLB namespace (configuration and status objects). */
  namespace: string;
  /** This speaker's node: its ConfigurationState is watched for deletion. */
  node: string;
  /** Called (debounced) after any change that may change the plan, and once after start(). */
  onChange: () => void;
  /** Our ConfigurationState was deleted: the owner rewrites it (reset the writer, write again). */
  onConfigurationStateDeleted?: (obj: ConfigurationState) => void;
  /**
   * Debounce window, default 50 ms (and at most 5 windows under steady churn): a Service's IP
   * reaches the routers within a quarter second however busy the cluster (bgp-convergence bench).
   */
  debounceMs?: number;
  log?: Logger;
}

/** The plan inputs the watches hold (the owner adds node, members and flags). */
export type WatchedInputs = Omit<PlanInput, 'node' | 'members' | 'ignoreExcludeLB'>;

const CONFIG_KINDS = {
  ipaddresspools: METALLB_KINDS.IPAddressPool,
  l2advertisements: METALLB_KINDS.L2Advertisement,
  bgpadvertisements: METALLB_KINDS.BGPAdvertisement,
  bgppeers: METALLB_KINDS.BGPPeer,
  bfdprofiles: METALLB_KINDS.BFDProfile,
  communities: METALLB_KINDS.Community,
} as const;
type ConfigPlural = keyof typeof CONFIG_KINDS;

export class SpeakerWatches {
  // metallb.io objects carry string timestamps, client-node's KubernetesObject Dates: kept untyped
  // here and typed by the accessors below.
  private readonly config = {} as Record<ConfigPlural, Reflector<KubernetesObject>>;
  readonly services: Reflector<V1Service>;
  readonly endpointSlices: Reflector<V1EndpointSlice>;
  readonly nodes: Reflector<V1Node>;
  /** basic-auth Secrets of the MetalLB namespace: BGP passwords (passwordSecret). */
  readonly secrets: Reflector<V1Secret>;
  private readonly configState: Reflector<KubernetesObject>;
  private readonly debouncer: Debouncer;
  private synced = false;
  /** What triggered the passes since the last snapshot ("services:update": 3), for the debug log. */
  private causes = new Map<string, number>();

  constructor(
    client: ApiClient,
    private readonly opts: SpeakerWatchOptions,
  ) {
    this.debouncer = new Debouncer(() => this.opts.onChange(), opts.debounceMs ?? 50);
    const changed = (cause: string) => {
      if (!this.synced) return;
      this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
      this.debouncer.trigger();
    };
    const follow = <T extends KubernetesObject>(
      what: string,
      r: Reflector<T>,
      relevant: (now: T, before: T) => boolean,
    ) => {
      r.on('add', () => changed(`${what}:add`));
      r.on('delete', () => changed(`${what}:delete`));
      r.on('update', (now, before) => relevant(now, before) && changed(`${what}:update`));
      return r;
    };
    for (const [plural, resource] of Object.entries(CONFIG_KINDS)) {
      this.config[plural as ConfigPlural] = follow(
        plural,
        new Reflector<KubernetesObject>(client, { resource, namespace: opts.namespace }),
        configChanged,
      );
    }
    this.services = follow(
      'services',
      new Reflector<V1Service>(client, { resource: KUBE_KINDS.Service, transform: serviceView }),
      serviceChanged,
    );
    this.endpointSlices = follow(
      'endpointslices',
      new Reflector<V1EndpointSlice>(client, {
        resource: KUBE_KINDS.EndpointSlice,
        transform: endpointSliceView,
      }),
      endpointSliceChanged,
    );
    this.nodes = follow(
      'nodes',
      new Reflector<V1Node>(client, { resource: KUBE_KINDS.Node, transform: nodeView }),
      nodeChanged,
    );
    this.secrets = follow(
      'secrets',
      new Reflector<V1Secret>(client, {
        resource: KUBE_KINDS.Secret,
        namespace: opts.namespace,
        // Only the kind passwordSecret may name: the webhook certificate and others stay unread.
        fieldSelector: 'type=kubernetes.io/basic-auth',
      }),
      () => true,
    );
    this.configState = new Reflector<KubernetesObject>(client, {
      resource: METALLB_KINDS.ConfigurationState,
      namespace: opts.namespace,
      labelSelector: `${STATUS_LABELS.nodeName}=${opts.node}`,
    });
    this.configState.on('delete', (o) =>
      this.opts.onConfigurationStateDeleted?.(o as unknown as ConfigurationState),
    );
    for (const [what, r] of Object.entries(this.all())) {
      r.on('error', (err: Error) =>
        opts.log?.warn({ watch: what, err: err.message }, 'watch failed; retrying'),
      );
    }
  }

  private all(): Record<string, Reflector<KubernetesObject>> {
    return {
      ...this.config,
      services: this.services,
      endpointslices: this.endpointSlices,
      nodes: this.nodes,
      secrets: this.secrets,
      configurationstates: this.configState,
    } as unknown as Record<string, Reflector<KubernetesObject>>;
  }

  /** Resolves once every cache holds a full list; onChange then runs once (debounced). */
  async start(): Promise<void> {
    await Promise.all(Object.values(this.all()).map((r) => r.start()));
    this.synced = true;
    this.debouncer.trigger();
  }

  isSynced(): boolean {
    return this.synced;
  }

  stop(): void {
    this.debouncer.cancel();
    for (const r of Object.values(this.all())) r.stop();
  }

  /** Runs a pending onChange now (tests, shutdown). */
  flush(): void {
    this.debouncer.flush();
  }

  private configList<T>(plural: ConfigPlural): T[] {
    return this.config[plural].list() as unknown as T[];
  }

  /** The watch events that asked for a pass since the last call (for the speaker's debug log). */
  takeCauses(): Record<string, number> {
    const out = Object.fromEntries(this.causes);
    this.causes = new Map();
    return out;
  }

  snapshot(): WatchedInputs {
    return {
      nodes: this.nodes.list(),
      services: this.services.list(),
      endpointSlices: this.endpointSlices.list(),
      pools: this.configList<IPAddressPool>('ipaddresspools'),
      l2Advertisements: this.configList<L2Advertisement>('l2advertisements'),
      bgpAdvertisements: this.configList<BGPAdvertisement>('bgpadvertisements'),
      bgpPeers: this.configList<BGPPeer>('bgppeers'),
      bfdProfiles: this.configList<BFDProfile>('bfdprofiles'),
      communities: this.configList<Community>('communities'),
    };
  }

  /** The configuration as validateConfig reads it (for the speaker's ConfigurationState). */
  configInput(): ConfigInput {
    return {
      ipAddressPools: this.configList<IPAddressPool>('ipaddresspools'),
      l2Advertisements: this.configList<L2Advertisement>('l2advertisements'),
      bgpAdvertisements: this.configList<BGPAdvertisement>('bgpadvertisements'),
      bgpPeers: this.configList<BGPPeer>('bgppeers'),
      bfdProfiles: this.configList<BFDProfile>('bfdprofiles'),
      communities: this.configList<Community>('communities'),
      nodes: this.nodes.list().map((n) => ({
        metadata: { name: n.metadata?.name ?? '', labels: n.metadata?.labels ?? {} },
      })),
    };
  }
}
