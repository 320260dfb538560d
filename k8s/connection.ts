// How requests reach the apiserver under one credential: its URL, a keep-alive agent and the
// headers to send. A kubeconfig credential goes through client-node's KubeConfig (client
// certificates, tokens, exec auth plugins, the in-cluster token file it re-reads); a caller's
// bearer token (the UI acting for a user) gets only the cluster's CA, never our client certificate.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface Connection {
  readonly server: URL;
  /** Agent and headers for the next request (credentials may have been refreshed). */
  options(): Promise<{ agent: HttpAgent; headers: Record<string, string> }>;
  close(): void;
}

/** How long headers from the kubeconfig (tokens) are reused before asking it again. */
const CREDENTIALS_TTL_MS = 30_000;

interface TLSMaterial {
  ca?: unknown;
  cert?: unknown;
  key?: unknown;
  pfx?: unknown;
  passphrase?: unknown;
  rejectUnauthorized?: boolean;
}

function newAgent(server: URL, maxSockets: number, tls: TLSMaterial): HttpAgent {
  const common = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets };
  return server.protocol === 'https:'
    ? new HttpsAgent({ ...common, ...(tls as HttpsAgentOptions) })
    : new HttpAgent(common);
}

function serverOf(kc: KubeConfig): URL {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig has no current cluster');
  return new URL(server);
}

function fingerprint(tls: TLSMaterial): string {
  const h = createHash('sha256');
  for (const v of [tls.ca, tls.cert, tls.key, tls.pfx, tls.passphrase, tls.rejectUnauthorized])
    h.update(`${v === undefined ? '' : String(v)}\0`);
  return h.digest('hex');
}

export class KubeConfigConnection implements Connection {
  readonly server: URL;
  private agent: HttpAgent | undefined;
  private agentKey = '';
  private headers: Record<string, string> = {};
  private fetchedAt = -Infinity;

  constructor(
    private readonly kc: KubeConfig,
    private readonly maxSockets: number,
  ) {
    this.server = serverOf(kc);
  }

  async options(): Promise<{ agent: HttpAgent; headers: Record<string, string> }> {
    if (!this.agent || Date.now() - this.fetchedAt > CREDENTIALS_TTL_MS) {
      const opts: RequestOptions & Record<string, unknown> = { headers: {} };
      await this.kc.applyToHTTPSOptions(opts);
      const tls: TLSMaterial = {
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        pfx: opts.pfx,
        passphrase: opts.passphrase,
        ...(opts.rejectUnauthorized !== undefined
          ? { rejectUnauthorized: opts.rejectUnauthorized as boolean }
          : {}),
      };
      // A rotated client certificate needs new TLS connections; a refreshed token does not.
      const key = fingerprint(tls);
      if (key !== this.agentKey) {
        this.agent?.destroy();
        this.agent = this.kc.getCurrentCluster()?.proxyUrl
          ? (opts.agent as HttpAgent)
          : newAgent(this.server, this.maxSockets, tls);
        this.agentKey = key;
      }
      this.headers = { ...(opts.headers as Record<string, string>) };
      this.fetchedAt = Date.now();
    }
    return { agent: this.agent!, headers: this.headers };
  }

  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
    this.agentKey = '';
  }
}

/**
 * A user's bearer token against the kubeconfig's cluster. Every token shares one agent: TLS
 * carries only the CA here, identity travels in the header.
 */
export class BearerTokenConnection implements Connection {
  constructor(
    private readonly shared: SharedTokenAgent,
    private readonly token: string,
  ) {}

  get server(): URL {
    return this.shared.server;
  }

  async options(): Promise<{ agent: HttpAgent; headers: Record<string, string> }> {
    return { agent: this.shared.agent(), headers: { authorization: `Bearer ${this.token}` } };
  }

  close(): void {
    // the agent belongs to every token of this cluster
  }
}

/** The CA-only agent that every bearer-token connection to one cluster uses. */
export class SharedTokenAgent {
  readonly server: URL;
  private current: HttpAgent | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly maxSockets: number,
  ) {
    this.server = serverOf(kc);
  }

  agent(): HttpAgent {
    if (!this.current) {
      const cluster = this.kc.getCurrentCluster()!;
      const tls: TLSMaterial = {};
      if (cluster.caData) tls.ca = Buffer.from(cluster.caData, 'base64');
      else if (cluster.caFile) tls.ca = readFileSync(cluster.caFile);
      if (cluster.skipTLSVerify) tls.rejectUnauthorized = false;
      this.current = newAgent(this.server, this.maxSockets, tls);
    }
    return this.current;
  }

  close(): void {
    this.current?.destroy();
    this.current = undefined;
  }
}
