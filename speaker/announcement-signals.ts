// What the speaker tells administrators when its announcements change: a `nodeAssigned` Event on
// the Service when this node starts announcing it (upstream's reason and wording), and the
// `metallb_speaker_announced` gauge per Service and protocol.
import type { V1Service } from '@kubernetes/client-node';
import type { EventRecorder } from '../k8s/event-recorder';
import { sharedGauge } from '../k8s/metrics';

const announcedGauge = () =>
  sharedGauge('metallb_speaker_announced', 'Services being announced from this node (1 when announced)', [
    'node',
    'protocol',
    'service',
  ]);

export type Protocol = 'layer2' | 'bgp';

export class AnnouncementSignals {
  private announced = new Map<string, Set<Protocol>>();

  constructor(
    private readonly node: string,
    private readonly recorder: EventRecorder | undefined,
    private readonly service: (key: string) => V1Service | undefined,
  ) {}

  /** This pass's announcements: Service key -> the protocols announcing it from this node. */
  update(now: ReadonlyMap<string, ReadonlySet<Protocol>>): void {
    const gauge = announcedGauge();
    for (const [key, protocols] of this.announced) {
      for (const p of protocols) {
        if (!now.get(key)?.has(p)) gauge.remove({ node: this.node, protocol: p, service: key });
      }
    }
    for (const [key, protocols] of now) {
      const before = this.announced.get(key);
      for (const p of protocols) {
        gauge.set({ node: this.node, protocol: p, service: key }, 1);
        if (!before?.has(p)) this.assigned(key, p);
      }
    }
    this.announced = new Map([...now].map(([k, v]) => [k, new Set(v)]));
  }

  private assigned(key: string, protocol: Protocol): void {
    const svc = this.service(key);
    if (!this.recorder || !svc?.metadata?.name) return;
    this.recorder.record(
      {
        kind: 'Service',
        apiVersion: 'v1',
        namespace: svc.metadata.namespace ?? '',
        name: svc.metadata.name,
        ...(svc.metadata.uid ? { uid: svc.metadata.uid } : {}),
        ...(svc.metadata.resourceVersion ? { resourceVersion: svc.metadata.resourceVersion } : {}),
      },
      {
        type: 'Normal',
        reason: 'nodeAssigned',
        message: `announcing from node "${this.node}" with protocol "${protocol}"`,
      },
    );
  }
}
