// The webhook role: serves the validating webhooks for every metallb.io kind and the BGPPeer
// conversion webhook over TLS, with certificates it manages itself (kept in a Secret, CA bundle
// patched into the registrations) or mounted ones (OpenShift service CA, cert-manager).
import { readFile, stat } from 'node:fs/promises';
import type { Server } from 'node:https';
import { join } from 'node:path';
import type { BGPType } from '../../api/validation';
import { errorMessage } from '../../k8s/errors';
import { WEBHOOK_TARGETS, webhookPath } from '../operator/render/webhook-configuration';
import type { Role, RoleContext, RunningRole } from '../roles';
import { reviewAdmission } from './admission-review';
import { ensureCertificate } from './cert-store';
import { needsRenewal, serviceDNSNames } from './certificates';
import { ConfigReader } from './config-reader';
import { reviewConversion } from './conversion-review';
import { patchCABundles, registerDevWebhooks, unregisterDevWebhooks } from './registration';
import { startWebhookServer, type ReviewHandler } from './server';
import { webhookSettings } from './settings';

const RENEWAL_CHECK_MS = 6 * 3600 * 1000;
const MOUNT_POLL_MS = 60_000;

export function webhookHandlers(
  reader: ConfigReader,
  namespace: string,
  bgpType: BGPType = 'native',
): Map<string, ReviewHandler> {
  const handlers = new Map<string, ReviewHandler>();
  for (const target of WEBHOOK_TARGETS) {
    handlers.set(webhookPath(target), async (body) =>
      reviewAdmission(body, target.kind, await reader.read(target.kind), { namespace, bgpType }),
    );
  }
  handlers.set('/convert', (body) => reviewConversion(body));
  return handlers;
}

/** Starts the webhook server; `baseURL` is where it listens (on loopback). */
export async function startWebhooks(ctx: RoleContext): Promise<RunningRole & { baseURL: string }> {
  const { client, log, namespace, dev } = ctx;
  const { port, host, certDir, service, configurationName, bgpType, version } = webhookSettings(
    process.env,
    dev,
  );

  const managed = async () => {
    const c = await ensureCertificate(client, namespace, serviceDNSNames(service, namespace), ['127.0.0.1']);
    return { cert: c.serving.cert, key: c.serving.key, ca: c.ca.cert };
  };
  const mounted = async () => ({
    cert: await readFile(join(certDir!, 'tls.crt'), 'utf8'),
    key: await readFile(join(certDir!, 'tls.key'), 'utf8'),
    ca: undefined,
  });
  let tls = certDir ? await mounted() : await managed();

  const reader = new ConfigReader(client, namespace);
  const server: Server = await startWebhookServer(
    {
      cert: tls.cert,
      key: tls.key,
      handlers: webhookHandlers(reader, namespace, bgpType),
      onError: (err, path) => log.error({ err: errorMessage(err), path }, 'webhook request failed'),
    },
    port,
    host,
  );
  const addr = server.address();
  const boundPort = typeof addr === 'object' && addr ? addr.port : port;
  const baseURL = `https://127.0.0.1:${boundPort}`;

  const register = async () => {
    if (!tls.ca) return; // mounted certificates: the CA bundle is injected by whoever issued them
    if (dev) await registerDevWebhooks(client, namespace, version, baseURL, tls.ca);
    else await patchCABundles(client, configurationName, tls.ca, { name: service, namespace });
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
      if (dev && tls.ca) {
        await unregisterDevWebhooks(client, baseURL).then(
          (done) => done && log.info('dev webhook registration withdrawn'),
          (err: unknown) => log.warn({ err: errorMessage(err) }, 'could not withdraw the dev webhooks'),
        );
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const webhookRole: Role = { name: 'webhook', start: startWebhooks };
