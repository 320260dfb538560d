// Layer 2 metrics with upstream MetalLB's names, in the process registry.
import { sharedCounter } from '../../k8s/metrics';

export const layer2Metrics = {
  requestsReceived: () =>
    sharedCounter('metallb_layer2_requests_received', 'Number of layer2 requests received for owned IPs', [
      'ip',
    ]),
  responsesSent: () =>
    sharedCounter('metallb_layer2_responses_sent', 'Number of layer2 responses sent for owned IPs', ['ip']),
  gratuitousSent: () =>
    sharedCounter(
      'metallb_layer2_gratuitous_sent',
      'Number of gratuitous layer2 packets sent for owned IPs',
      ['ip'],
    ),
  framesDropped: () =>
    sharedCounter(
      'metallb_layer2_frames_dropped_total',
      'Frames received on an announcing interface that were malformed or not for us',
      ['interface'],
    ),
};
