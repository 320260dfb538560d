// An explanation's reason codes as sentences, through the catalogue (t): the console pages pass
// react-i18next's t, the CLI (scripts/explain.ts) one reading locales/<lang>. Objects and fields
// are named as the webhook names them.
import type { Reason } from '../../../api/explain/types';

export type Translate = (key: string, params?: Record<string, string>) => string;

export function reasonText(r: Reason, t: Translate): string {
  const p = r.params ?? {};
  switch (r.code) {
    case 'notLoadBalancer':
      return t('spec.type is {{type}}, not LoadBalancer: MetalLB does not handle this Service', p);
    case 'classNotOurs':
      return t(
        'spec.loadBalancerClass is "{{class}}": another load-balancer implementation handles this Service',
        p,
      );
    case 'allocated':
      return t('{{ips}} allocated from IPAddressPool "{{pool}}"', p);
    case 'statusNotWritten':
      return t(
        'The controller allocates {{ips}} from IPAddressPool "{{pool}}"; status.loadBalancer is not written yet',
        p,
      );
    case 'pending':
      if (!p.cause) return t('Pending: no IPAddressPool can give this Service an IP');
      return t('Pending: {{cause}}', {
        cause: reasonText({ code: p.cause as Reason['code'], params: p }, t),
      });
    case 'configNotLoaded':
      return t('The controller has not loaded the configuration (see ConfigurationState "controller")');
    case 'poolUsed':
      return t('IPAddressPool "{{pool}}" gave the Service its IPs', p);
    case 'poolNotChosen':
      return t(
        'IPAddressPool "{{pool}}" could serve, but "{{chosen}}" comes first (spec.serviceAllocation.priority, then name)',
        p,
      );
    case 'poolNamespaceNotSelected':
      return t(
        'IPAddressPool "{{pool}}": spec.serviceAllocation does not select namespace "{{namespace}}"',
        p,
      );
    case 'poolServiceNotSelected':
      return t(
        'IPAddressPool "{{pool}}": spec.serviceAllocation.serviceSelectors do not match the Service labels',
        p,
      );
    case 'poolNotPinned':
      return t(
        'IPAddressPool "{{pool}}": spec.serviceAllocation selects neither this namespace nor the Service; only a Service asking for it by name (metallb.io/address-pool) gets its IPs',
        p,
      );
    case 'poolAutoAssignDisabled':
      return t(
        'IPAddressPool "{{pool}}": spec.autoAssign is false; only a Service asking for it (metallb.io/address-pool, metallb.io/loadBalancerIPs) gets its IPs',
        p,
      );
    case 'poolNotRequested':
      return t(
        'IPAddressPool "{{pool}}": the Service asks for IPAddressPool "{{requested}}" (metallb.io/address-pool)',
        p,
      );
    case 'poolLacksRequestedIP':
      return t('IPAddressPool "{{pool}}" does not contain the requested {{ips}}', p);
    case 'poolExhausted':
      return t('IPAddressPool "{{pool}}" has no free address left', p);
    case 'poolFamilyMismatch':
      return t('IPAddressPool "{{pool}}" has no {{family}} addresses', p);
    case 'sharingConflict':
      return t(
        'IP {{ip}} is held by Service {{holder}}, which cannot share it with this one (metallb.io/allow-shared-ip, ports, externalTrafficPolicy)',
        p,
      );
    case 'allocatorError':
      return t('IPAddressPool "{{pool}}": {{detail}}', p);
    case 'announcing':
      return t('Node {{node}} announces the Service', p);
    case 'noIngressIP':
      return t('The Service has no IP yet');
    case 'noAdvertisementSelectsPool':
      return t(
        'No L2Advertisement or BGPAdvertisement selects IPAddressPool "{{pool}}" (spec.ipAddressPools, spec.ipAddressPoolSelectors)',
        p,
      );
    case 'noServingEndpoints':
      return t('The Service has no ready endpoint on any node');
    case 'sharedIPWithServiceSelector':
      return t(
        'The Service shares its IP (metallb.io/allow-shared-ip) and an L2Advertisement has spec.serviceSelectors',
      );
    case 'serviceNotSelected':
      return t('The spec.serviceSelectors of every advertisement of the pool leave this Service out');
    case 'nodeNotSelected':
      return t('No advertisement of the pool selects node {{node}} (spec.nodeSelectors)', p);
    case 'nodeNetworkUnavailable':
      return t('Node {{node}} has the condition NetworkUnavailable=True', p);
    case 'nodeLabeledExcludeBalancers':
      return t('Node {{node}} has the label {{label}}', p);
    case 'speakerNotRunning':
      return t(
        'No speaker runs on node {{node}} (no ConfigurationState from it, or the Node is not Ready)',
        p,
      );
    case 'noLocalEndpoint':
      return t(
        'spec.externalTrafficPolicy is Local and node {{node}} has no ready endpoint of the Service',
        p,
      );
    case 'notWinner':
      return p.winner
        ? t('Node {{winner}} won the election for this IP', p)
        : t('Another node won the election for this IP');
    case 'notAnsweringOnWire':
      return t(
        'Node {{node}} should announce, but no interface answers (interfaces excluded by metallb-excludel2 or spec.interfaces, down, or no raw sockets)',
        p,
      );
    case 'conflictingAdvertisements':
      return t('BGPAdvertisements of the pool set different spec.localPref values for the same prefix');
    case 'routeSent':
      return t('Route sent to BGPPeer "{{peer}}"', p);
    case 'peerNotForNode':
      return t('BGPPeer "{{peer}}": spec.nodeSelectors do not select node {{node}}', p);
    case 'advertisementNotForPeer':
      return t('No BGPAdvertisement of the pool lists BGPPeer "{{peer}}" in spec.peers', p);
  }
}
