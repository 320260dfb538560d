// In a cluster the operator renders the webhook registrations (pointing at a Service) and the
// webhook role only fills in the CA bundle of the certificate it generates and keeps in a Secret.
import { AdmissionregistrationV1Api, ApiextensionsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKubeConfig, uniqueName, waitFor } from '../../integration-tests/cluster/test-env';
import { ApiClient } from '../../k8s/api-client';
import { FIELD_MANAGERS } from '../../api/operand';
import { testRoleContext } from '../test-role-context';
import { installCRDs } from '../../k8s/crds';
import { createLogger } from '../../k8s/log';
import { webhookConfiguration } from '../operator/render/webhook-configuration';
import { WEBHOOK_CERT_SECRET } from './cert-store';
import { BGPPEER_CRD } from './registration';
import { startWebhooks } from './role';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const adm = kc.makeApiClient(AdmissionregistrationV1Api);
const ext = kc.makeApiClient(ApiextensionsV1Api);
const ns = uniqueName('mlb-certs');
const client = ApiClient.fromKubeConfig(kc);
const configName = uniqueName('webhook-config');

const start = () =>
  startWebhooks(testRoleContext(kc, { log: createLogger('certs-itest', 'warn'), namespace: ns, dev: false }));

beforeAll(async () => {
  process.env.METALLB_WEBHOOK_PORT = '0';
  process.env.METALLB_WEBHOOK_CONFIGURATION = configName;
  await installCRDs(client);
  await core.createNamespace({ body: { metadata: { name: ns } } });
});

afterAll(async () => {
  delete process.env.METALLB_WEBHOOK_PORT;
  delete process.env.METALLB_WEBHOOK_CONFIGURATION;
  await adm.deleteValidatingWebhookConfiguration({ name: configName }).catch(() => undefined);
  await installCRDs(client);
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('self-managed webhook certificates in a cluster', () => {
  it('patch the CA bundle into the rendered registrations and keep one CA across restarts', async () => {
    // The operator's rendering, pointed at a Service; objectSelector keeps it from judging the
    // other tests' objects while it exists.
    const cfg = webhookConfiguration({
      namespace: ns,
      version: 'test',
      controllerImage: '',
      speakerImage: '',
      hasConsolePluginAPI: false,
    });
    cfg.metadata = { ...cfg.metadata, name: configName };
    for (const w of cfg.webhooks!) w.objectSelector = { matchLabels: { 'metallb-ts-test': ns } };
    await client.apply(cfg, { fieldManager: FIELD_MANAGERS.operator });

    const first = await start();
    const secret = await core.readNamespacedSecret({ name: WEBHOOK_CERT_SECRET, namespace: ns });
    const ca = Buffer.from(secret.data!['ca.crt']!, 'base64').toString();
    const caBundle = Buffer.from(ca).toString('base64');
    const live = await adm.readValidatingWebhookConfiguration({ name: configName });
    expect(live.webhooks!.map((w) => w.clientConfig.caBundle)).toEqual(live.webhooks!.map(() => caBundle));
    expect(live.webhooks!.every((w) => w.clientConfig.service?.namespace === ns)).toBe(true);
    const crd = await ext.readCustomResourceDefinition({ name: BGPPEER_CRD });
    expect(crd.spec.conversion?.webhook?.clientConfig?.caBundle).toBe(caBundle);
    await first.stop();

    // A restart (or a second replica) reuses the stored CA: the registrations stay valid.
    const second = await start();
    const again = await core.readNamespacedSecret({ name: WEBHOOK_CERT_SECRET, namespace: ns });
    expect(again.data!['ca.crt']).toBe(secret.data!['ca.crt']);
    expect(again.data!['tls.crt']).toBe(secret.data!['tls.crt']);
    await waitFor('registration unchanged', async () => {
      const l = await adm.readValidatingWebhookConfiguration({ name: configName });
      return l.webhooks!.every((w) => w.clientConfig.caBundle === caBundle);
    });
    await second.stop();
  });
});
