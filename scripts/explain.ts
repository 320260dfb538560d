// npm run explain -- -n NAMESPACE SERVICE [--json] [--lang en|ja] [--metallb-namespace NS]
// Why a Service has or lacks its IP and announcements, against $KUBECONFIG: the backend's
// explanation core (backend/explain) on the objects the kubeconfig's user may read, rendered
// through the console plugin's catalogues.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { NodeVerdict, ServiceExplanation } from '../api/explain/types';
import { explainService } from '../backend/explain/explain';
import { readServiceSnapshot } from '../backend/explain/read';
import { bgpTypeFromEnv } from '../backend/controller/config-load';
import { reasonText, type Translate } from '../frontend/views/explain/reason-text';
import { ApiClient } from '../k8s/api-client';
import { errorMessage } from '../k8s/errors';
import { loadKubeConfig } from '../k8s/kubeconfig';

const USAGE = `usage: npm run explain -- -n NAMESPACE SERVICE [--json] [--lang en|ja]
  -n, --namespace NS        the Service's namespace (default: default)
  --metallb-namespace NS    where MetalLB's configuration lives (METALLB_NAMESPACE, default metallb-system)
  --lb-class CLASS          the loadBalancerClass MetalLB runs with (METALLB_LB_CLASS)
  --json                    the explanation as JSON (reasons as codes with parameters)
  --lang en|ja              the language of the text (default: from LANG)`;

/** t over a catalogue file: the English key itself when a string is missing. */
export function catalogueTranslate(lang: string): Translate {
  const file = join(import.meta.dirname, '..', 'locales', lang, 'plugin__metallb-console-plugin.json');
  const cat = lang === 'en' ? {} : (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  return (key, params = {}) =>
    (cat[key] ?? key).replace(/{{\s*(\w+)\s*}}/g, (_, k: string) => params[k] ?? '');
}

export function formatExplanation(e: ServiceExplanation, t: Translate): string {
  const lines = [`Service ${e.service.namespace}/${e.service.name}: ${reasonText(e.summary, t)}`];
  lines.push(`  IPs: ${e.ingressIPs.join(', ') || '-'}${e.pool ? ` (${e.pool})` : ''}`);
  if (e.computed) lines.push(`  computed: ${e.computed.ingressIPs.join(', ') || '-'}`);
  for (const err of e.configErrors) lines.push(`  ! ${err}`);
  if (e.pools.length) lines.push(t('Pools'));
  for (const p of e.pools)
    lines.push(`  ${mark(p.outcome === 'used')} ${p.pool}: ${reasonText(p.reason, t)}`);
  if (e.ingressIPs.length) {
    lines.push(
      `${t('Advertisements')}: ${e.advertisements.map((a) => `${a.kind} ${a.name}`).join(', ') || '-'}`,
    );
  }
  if (e.nodes.length) lines.push(t('Nodes'));
  for (const n of e.nodes) lines.push(...nodeLines(n, t));
  return lines.join('\n');
}

function nodeLines(n: NodeVerdict, t: Translate): string[] {
  const out = [`  ${n.node}`];
  if (n.l2) {
    const where = n.l2.reported?.length ? ` [${n.l2.reported.join(', ')}]` : '';
    out.push(`    L2  ${mark(n.l2.announces)} ${reasonText(n.l2.reason, t)}${where}`);
  }
  if (n.bgp) {
    out.push(`    BGP ${mark(n.bgp.announces)} ${reasonText(n.bgp.reason, t)}`);
    for (const p of n.bgp.peers) {
      const session = p.session?.bgpState ? ` (${p.session.bgpState})` : '';
      out.push(`      ${mark(p.sent)} ${reasonText(p.reason, t)}${session}`);
      for (const r of p.routes) {
        const attrs = [
          r.localPref !== undefined ? `localPref ${r.localPref}` : '',
          r.communities.length ? `communities ${r.communities.join(' ')}` : '',
          r.largeCommunities.length ? `large ${r.largeCommunities.join(' ')}` : '',
        ].filter(Boolean);
        out.push(`          ${r.prefix}${attrs.length ? `  ${attrs.join(', ')}` : ''}`);
      }
    }
  }
  return out;
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        namespace: { type: 'string', short: 'n', default: 'default' },
        'metallb-namespace': { type: 'string', default: process.env.METALLB_NAMESPACE ?? 'metallb-system' },
        'lb-class': { type: 'string', default: process.env.METALLB_LB_CLASS },
        json: { type: 'boolean', default: false },
        lang: { type: 'string', default: (process.env.LANG ?? '').startsWith('ja') ? 'ja' : 'en' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`${errorMessage(err)}\n${USAGE}\n`);
    return 2;
  }
  const { values: v, positionals } = args;
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1 || !['en', 'ja'].includes(v.lang!)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const client = ApiClient.fromKubeConfig(loadKubeConfig());
  try {
    const snap = await readServiceSnapshot(
      client,
      {
        namespace: v['metallb-namespace']!,
        ...(v['lb-class'] ? { lbClass: v['lb-class'] } : {}),
        bgpType: bgpTypeFromEnv(process.env),
      },
      { namespace: v.namespace!, name: positionals[0]! },
    );
    const e = explainService(snap, v.namespace!, positionals[0]!);
    if (!e) {
      process.stderr.write(`Service ${v.namespace}/${positionals[0]} not found\n`);
      return 1;
    }
    process.stdout.write(
      `${v.json ? JSON.stringify(e, null, 2) : formatExplanation(e, catalogueTranslate(v.lang!))}\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`${errorMessage(err)}\n`);
    return 1;
  } finally {
    client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
