// The webhook role: serves the validating webhooks for every metallb.io kind and the BGPPeer
// conversion webhook over TLS, with certificates it manages itself (kept in a Secret, CA bundle
// patched into the registrations) or mounted ones (OpenShift service CA, cert-manager).
import { readFile, stat } from 'node:fs/promises';
import type { Server } from 'node:https';
import { join } from 'node:path';
import type { BGPType } from '../../api/validation';
import { ENV, NAMES, PORTS } from '../operator/render/names';
import { WEBHOOK_TARGETS, webhookPath } from '../operator/render/webhook-configuration';
import { apiMessage } from '../k8s/errors';
import type { Role, RoleContext, RunningRole } from '../roles';
import { reviewAdmission } from './admission-review';
import { ensureCertificate } from './cert-store';
import { needsRenewal, serviceDNSNames } from './certificates';
import { ConfigReader } from './config-reader';
import { reviewConversion } from './conversion-review';
import { patchCABundles, registerDevWebhooks } from './registration';
import { startWebhookServer, type ReviewHandler } from './server';

const RENEWAL_CHECK_MS = 6 * 3600 * 1000;
const MOUNT_POLL_MS = 60_000;

function bgpType(): BGPType {
  const t = process.env[ENV.bgpType];
  return t === 'frr' || t === 'frr-k8s' ? t : 'native';
}

export function webhookHandlers(reader: ConfigReader, namespace: string): Map<string, ReviewHandler> {
  const handlers = new Map<string, ReviewHandler>();
  for (const target of WEBHOOK_TARGETS) {
    handlers.set(webhookPath(target), async (body) =>
      reviewAdmission(body, target.kind, await reader.read(target.kind), { namespace, bgpType: bgpType() }),
    );
  }
  handlers.set('/convert', (body) => reviewConversion(body));
  return handlers;
}

/** Starts the webhook server; `baseURL` is where it listens (on loopback). */
export async function startWebhooks(ctx: RoleContext): Promise<RunningRole & { baseURL: string }> {
  const { kc, log, namespace, dev } = ctx;
  // In development several backends may share the host: take any free port (it is registered by URL).
  const port = Number(process.env[ENV.webhookPort] ?? (dev ? 0 : PORTS.webhook));
  const host = dev ? '127.0.0.1' : '0.0.0.0';
  const certDir = process.env.METALLB_WEBHOOK_CERT_DIR;
  const service = process.env[ENV.webhookService] ?? NAMES.webhookService;
  const configName = process.env[ENV.webhookConfiguration] ?? NAMES.webhookConfiguration;

  const managed = async () => {
    const c = await ensureCertificate(kc, namespace, serviceDNSNames(service, namespace), ['127.0.0.1']);
    return { cert: c.serving.cert, key: c.serving.key, ca: c.ca.cert };
  };
  const mounted = async () => ({
    cert: await readFile(join(certDir!, 'tls.crt'), 'utf8'),
    key: await readFile(join(certDir!, 'tls.key'), 'utf8'),
    ca: undefined,
  });
  let tls = certDir ? await mounted() : await managed();

  const reader = new ConfigReader(kc, namespace);
  const server: Server = await startWebhookServer(
    {
      cert: tls.cert,
      key: tls.key,
      handlers: webhookHandlers(reader, namespace),
      onError: (err, path) => log.error({ err: apiMessage(err), path }, 'webhook request failed'),
    },
    port,
    host,
  );
  const addr = server.address();
  const boundPort = typeof addr === 'object' && addr ? addr.port : port;
  const baseURL = `https://127.0.0.1:${boundPort}`;

  const register = async () => {
    if (!tls.ca) return; // mounted certificates: the CA bundle is injected by whoever issued them
    if (dev)
      await registerDevWebhooks(kc, namespace, process.env.npm_package_version ?? 'dev', baseURL, tls.ca);
    else await patchCABundles(kc, configName, tls.ca);
  };
  await register();
  log.info(
    { port: boundPort, certificates: certDir ? `mounted from ${certDir}` : 'self-managed', dev },
    'webhooks serving',
  );

  // Renewal (self-managed) or reload (mounted); also re-patches CA bundles the operator may have
  // re-created since.
  let mountedAt = certDir ? (await stat(join(certDir, 'tls.crt'))).mtimeMs : 0;
  const timer = setInterval(
    () => {
      void (async () => {
        if (certDir) {
          const m = (await stat(join(certDir, 'tls.crt'))).mtimeMs;
          if (m === mountedAt) return;
          mountedAt = m;
          tls = await mounted();
        } else if (needsRenewal(tls.cert)) {
          tls = await managed();
        } else {
          await register();
          return;
        }
        server.setSecureContext({ cert: tls.cert, key: tls.key });
        await register();
        log.info('webhook certificate reloaded');
      })().catch((err: Error) => log.error({ err: err.message }, 'webhook certificate check failed'));
    },
    certDir ? MOUNT_POLL_MS : dev ? RENEWAL_CHECK_MS : 60_000,
  );
  timer.unref();

  return {
    baseURL,
    ready: () => server.listening,
    stop: async () => {
      clearInterval(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const webhookRole: Role = { name: 'webhook', start: startWebhooks };
