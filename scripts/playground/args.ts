// The playground's command line, parsed without side effects so it can be tested as a table.
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm start [-- OPTIONS]   |   npm stop

Runs the whole product on this machine: a local control plane, the backend (operator, controller,
webhooks, UI) in dev mode, and, as root, one network namespace per simulated node with a real
speaker, a router namespace running FRR (BGP + BFD) and a client namespace behind it, plus a
sample configuration whose Services answer HTTP on their IPs.

Options:
  --detach         return once everything is ready; \`npm stop\` ends it
  --nodes N        simulated nodes, each with a speaker (default 3, at most 50)
  --l2-only        only the Layer 2 sample (no BGP peer, pool or Service)
  --bgp-only       only the BGP sample (no L2Advertisement, pool or Service)
  --no-router      no router namespace (and so no BGP); the client sits on the nodes' segment
  --port N         the UI's port (default $PORT or 8080; a free one if taken)
  --console        also run the real OpenShift web console (OKD 4.22, built from source into
                   ~/.cache/metallb-ts/ the first time: about 10 minutes, 8 GB of memory) with
                   the plugin loaded, as an OpenShift administrator sees it
  --help           this text

State: .playground/state.json; logs: .playground/logs/. Needs root for the namespaces and FRR for
BGP (bash scripts/system-deps.sh installs it); without them the rest still starts.`;

export interface PlaygroundArgs {
  mode: 'start' | 'stop' | 'help';
  detach: boolean;
  /** Internal: this process is the detached supervisor another \`npm start -- --detach\` spawned. */
  supervise: boolean;
  nodes: number;
  l2: boolean;
  bgp: boolean;
  router: boolean;
  port: number;
  /** Also run the real OpenShift console with the plugin. */
  console: boolean;
}

export const MAX_NODES = 50;

/** Parses argv (without node and script); throws an Error naming the bad flag. */
export function parsePlaygroundArgs(argv: string[], env: Record<string, string | undefined>): PlaygroundArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      detach: { type: 'boolean', default: false },
      stop: { type: 'boolean', default: false },
      supervise: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      nodes: { type: 'string', default: '3' },
      'l2-only': { type: 'boolean', default: false },
      'bgp-only': { type: 'boolean', default: false },
      'no-router': { type: 'boolean', default: false },
      port: { type: 'string', default: env.PORT ?? '8080' },
      console: { type: 'boolean', default: false },
    },
  });
  const nodes = Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES)
    throw new Error(`--nodes must be a whole number from 1 to ${MAX_NODES}, not "${values.nodes}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${values.port}"`);
  if (values['l2-only'] && values['bgp-only']) throw new Error('--l2-only and --bgp-only exclude each other');
  if (values['bgp-only'] && values['no-router'])
    throw new Error('--bgp-only needs the router: drop --no-router');
  const router = !values['no-router'];
  return {
    mode: values.help ? 'help' : values.stop ? 'stop' : 'start',
    detach: values.detach,
    supervise: values.supervise,
    nodes,
    l2: !values['bgp-only'],
    bgp: !values['l2-only'] && router,
    router,
    port,
    console: values.console,
  };
}

/** The flags a detached supervisor gets to repeat this run's choices. */
export function superviseArgv(a: PlaygroundArgs): string[] {
  return [
    '--supervise',
    '--nodes',
    String(a.nodes),
    '--port',
    String(a.port),
    ...(a.l2 ? [] : ['--bgp-only']),
    ...(a.router ? [] : ['--no-router']),
    ...(a.bgp || !a.router ? [] : ['--l2-only']),
    ...(a.console ? ['--console'] : []),
  ];
}
