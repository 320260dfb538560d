// Prometheus metrics of a process: one registry shared by everything in it (every backend role,
// the speaker), served at `/metrics` on the process's HTTP port and, when asked for, on a
// dedicated listener (upstream's port 7472). In the operand the HTTP port already is 7472, so the
// dedicated listener is only for processes whose HTTP port is elsewhere (e.g. `npm run backend`).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { PORTS } from '../api/operand';

export const METRICS_PORT = PORTS.metrics;

/** The process-wide registry: roles register their metrics here, never in prom-client's global one. */
export const registry = new Registry();

let processMetrics = false;

/**
 * The process's own figures (CPU, resident memory, V8 heap used and total, event-loop lag, GC
 * pauses), like a Go program's process and go_* metrics: what an administrator reads first when a
 * pod's memory grows. Called once by each program's entry point, never by tests.
 */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry });
}

/** A gauge of the shared registry, created once per process (roles may start more than once). */
export function sharedGauge<L extends string>(name: string, help: string, labelNames: L[] = []): Gauge<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Gauge<L>;
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

export function sharedCounter<L extends string>(
  name: string,
  help: string,
  labelNames: L[] = [],
): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

export interface MetricsListener {
  port: number;
  release(): Promise<void>;
}

const listeners = new Map<string, { server: Server; port: number; users: number }>();

/**
 * A plain HTTP listener serving only /metrics; shared (reference-counted) by the roles that ask for
 * the same host and port. Port 0 takes a free port (tests).
 */
export async function acquireMetricsListener(port: number, host = '0.0.0.0'): Promise<MetricsListener> {
  const key = `${host}:${port}`;
  let entry = port === 0 ? undefined : listeners.get(key);
  if (!entry) {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404).end('not found\n');
        return;
      }
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err: Error) => res.writeHead(500).end(`${err.message}\n`),
      );
    });
    server.listen(port, host);
    await once(server, 'listening');
    const addr = server.address();
    entry = { server, port: typeof addr === 'object' && addr ? addr.port : port, users: 0 };
    if (port !== 0) listeners.set(key, entry);
  }
  entry.users++;
  const e = entry;
  let released = false;
  return {
    port: e.port,
    async release() {
      if (released) return;
      released = true;
      if (--e.users > 0) return;
      if (listeners.get(key) === e) listeners.delete(key);
      await new Promise<void>((resolve) => e.server.close(() => resolve()));
    },
  };
}
