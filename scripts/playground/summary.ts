// What the playground prints once ready: where the UI is, how to use kubectl, the Service IPs and
// commands to try. Pure (the caller prints), so the text is tested.
import type { Plan } from './plan';
import type { PlaygroundState } from './state';

/** The last line of the summary; a detached start returns once its supervisor printed it. */
export const READY_LINE = 'Stop: npm stop';

export interface SummaryInput {
  state: PlaygroundState;
  plan: Plan;
  readyMs: number;
  kubectl: string;
  /** FRR's vty socket directory, when FRR runs. */
  frrDir?: string;
  /** The node that answered each IP from the client (L2: the elected one). */
  answeredBy: Map<string, string>;
  speakerPidFile: (node: string) => string;
  notes: string[];
  detached: boolean;
  /** The real OpenShift console, when started with --console. */
  consoleUrl?: string;
}

export function summary(s: SummaryInput): string[] {
  const { state, plan } = s;
  const lines = [
    `MetalLB playground ready in ${(s.readyMs / 1000).toFixed(1)} s (${plan.nodes.length} node${plan.nodes.length === 1 ? '' : 's'}).`,
    `  UI:          ${state.uiUrl}`,
    ...(s.consoleUrl
      ? [`  Console:     ${s.consoleUrl}metallb/overview (the OpenShift console with the plugin)`]
      : []),
    `  KUBECONFIG:  export KUBECONFIG=${state.kubeconfig}`,
    `  kubectl:     ${s.kubectl} get ipaddresspools,l2advertisements,bgppeers,servicel2statuses -A`,
  ];
  if (state.services.length > 0) {
    lines.push('  Services:');
    for (const svc of state.services) {
      const by = s.answeredBy.get(svc.ip);
      lines.push(
        `    ${`${svc.namespace}/${svc.name}`.padEnd(14)} ${svc.mode.padEnd(4)} ${svc.ip.padEnd(16)}${by ? ` answered by ${by}` : ''}`,
      );
    }
  }
  if (state.clientNetns && state.services.length > 0) {
    lines.push('  Try:');
    const byMode = (m: 'l2' | 'bgp') => state.services.find((x) => x.mode === m);
    for (const svc of [byMode('l2'), byMode('bgp')]) {
      if (!svc) continue;
      const host = svc.ip.includes(':') ? `[${svc.ip}]` : svc.ip;
      lines.push(
        `    ip netns exec ${state.clientNetns} curl http://${host}:${svc.port}/   # the answering node's name`,
      );
    }
    if (state.routerNetns && s.frrDir)
      for (const cmd of ['show bgp summary', 'show ip route bgp', 'show bfd peers brief'])
        lines.push(`    ip netns exec ${state.routerNetns} vtysh --vty_socket ${s.frrDir} -c '${cmd}'`);
    const l2 = byMode('l2');
    const owner = l2 ? s.answeredBy.get(l2.ip) : undefined;
    const victim = owner ?? plan.nodes[0]?.name;
    if (victim)
      lines.push(
        `    kill $(cat ${s.speakerPidFile(victim)})   # ${victim}'s speaker${owner && l2 ? `: ${l2.ip} moves to another node` : ''} (restarted after 5 s)`,
      );
  }
  for (const n of s.notes) lines.push(`  Note: ${n}`);
  lines.push('  Logs: .playground/logs/   State: .playground/state.json');
  lines.push(s.detached ? `${READY_LINE} ends it.` : `${READY_LINE} (or Ctrl-C) ends it.`);
  return lines;
}
