// The webhook's TLS material when the install provides none: a long-lived CA (10 years) that
// signs a short-lived serving certificate (1 year), renewed from the same CA when 30 days remain,
// so the caBundle the apiserver trusts does not change at each renewal.
import 'reflect-metadata'; // @peculiar/x509's dependency injection needs it loaded first
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface KeyPairPEM {
  cert: string;
  key: string;
}

export interface ServingCertificate {
  ca: KeyPairPEM;
  serving: KeyPairPEM;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 3600 * 1000;
export const CA_VALIDITY_DAYS = 3650;
export const SERVING_VALIDITY_DAYS = 365;
export const RENEW_BEFORE_DAYS = 30;

function pemKey(der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64.trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

function derOfPem(pem: string): ArrayBuffer {
  const b = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

function serial(): string {
  // Positive, 16 random bytes.
  return '01' + Buffer.from(webcrypto.getRandomValues(new Uint8Array(15))).toString('hex');
}

const newKeys = async () =>
  (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
const window = (now: Date, days: number) => ({
  notBefore: new Date(now.getTime() - 5 * 60 * 1000),
  notAfter: new Date(now.getTime() + days * DAY_MS),
});

export async function generateCA(now = new Date()): Promise<KeyPairPEM> {
  const keys = await newKeys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=metallb-webhook-ca',
    ...window(now, CA_VALIDITY_DAYS),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return {
    cert: ca.toString('pem'),
    key: pemKey(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

/** A serving certificate for the given DNS names and IPs, signed by `ca`. */
export async function issueServingCertificate(
  ca: KeyPairPEM,
  dnsNames: string[],
  ips: string[],
  now = new Date(),
): Promise<KeyPairPEM> {
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await webcrypto.subtle.importKey('pkcs8', derOfPem(ca.key), ALG, false, ['sign']);
  const keys = await newKeys();
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${dnsNames[0] ?? ips[0] ?? 'metallb-webhook'}`,
    issuer: caCert.subject,
    ...window(now, SERVING_VALIDITY_DAYS),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: caKey as unknown as CryptoKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
    ],
  });
  return {
    cert: leaf.toString('pem'),
    key: pemKey(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

/** When a certificate (PEM) stops being valid. */
export function certificateNotAfter(pem: string): Date {
  return new x509.X509Certificate(pem).notAfter;
}

export function needsRenewal(pem: string, now = new Date(), days = RENEW_BEFORE_DAYS): boolean {
  return certificateNotAfter(pem).getTime() - now.getTime() < days * DAY_MS;
}

/** The DNS names a Service's in-cluster clients use for it. */
export function serviceDNSNames(service: string, namespace: string): string[] {
  return [
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
  ];
}
