// Keeps the generated webhook CA and serving certificate in a Secret, so restarts and replicas
// share one CA (and the caBundle registered with the apiserver stays valid).
import { X509Certificate } from 'node:crypto';
import type { V1Secret } from '@kubernetes/client-node';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import { LABELS, PART_OF } from '../../api/operand';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';
import {
  generateCA,
  issueServingCertificate,
  needsRenewal,
  type KeyPairPEM,
  type ServingCertificate,
} from './certificates';

export const WEBHOOK_CERT_SECRET = 'metallb-webhook-cert';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const unb64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString() : '');

function fromSecret(s: V1Secret): ServingCertificate | undefined {
  const d = s.data ?? {};
  const ca = { cert: unb64(d['ca.crt']), key: unb64(d['ca.key']) };
  const serving = { cert: unb64(d['tls.crt']), key: unb64(d['tls.key']) };
  return ca.cert && ca.key && serving.cert && serving.key ? { ca, serving } : undefined;
}

function toSecret(namespace: string, c: ServingCertificate, resourceVersion?: string): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: {
      name: WEBHOOK_CERT_SECRET,
      namespace,
      labels: { [LABELS.partOf]: PART_OF, [LABELS.component]: 'webhook' },
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    data: {
      'ca.crt': b64(c.ca.cert),
      'ca.key': b64(c.ca.key),
      'tls.crt': b64(c.serving.cert),
      'tls.key': b64(c.serving.key),
    },
  };
}

/**
 * Returns a valid certificate for `dnsNames`/`ips`, creating or renewing the Secret as needed.
 * Two replicas racing are settled by the apiserver (409 on create/update): the loser rereads.
 */
export async function ensureCertificate(
  client: ApiClient,
  namespace: string,
  dnsNames: string[],
  ips: string[],
  now = new Date(),
): Promise<ServingCertificate> {
  const secrets = resourcePath(KUBE_KINDS.Secret, { namespace });
  const path = resourcePath(KUBE_KINDS.Secret, { namespace, name: WEBHOOK_CERT_SECRET });
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await client.find<V1Secret>(path);
    const current = existing && fromSecret(existing);
    if (current && !needsRenewal(current.serving.cert, now) && coversNames(current.serving, dnsNames, ips)) {
      return current;
    }
    const ca: KeyPairPEM =
      current && !needsRenewal(current.ca.cert, now, 365) ? current.ca : await generateCA(now);
    const next: ServingCertificate = { ca, serving: await issueServingCertificate(ca, dnsNames, ips, now) };
    try {
      if (existing) await client.replace(path, toSecret(namespace, next, existing.metadata?.resourceVersion));
      else await client.create(secrets, toSecret(namespace, next));
      return next;
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
  }
  throw new Error(`could not store the webhook certificate in Secret ${namespace}/${WEBHOOK_CERT_SECRET}`);
}

/** Whether the stored certificate already names every host the webhook is reached by. */
function coversNames(serving: KeyPairPEM, dnsNames: string[], ips: string[]): boolean {
  const cert = new X509Certificate(serving.cert);
  return (
    dnsNames.every((n) => cert.checkHost(n) !== undefined) &&
    ips.every((ip) => cert.checkIP(ip) !== undefined)
  );
}
