import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCA, issueServingCertificate, needsRenewal, serviceDNSNames } from './certificates';

describe('webhook certificates', () => {
  it('issues a serving certificate the CA verifies, for the service names and loopback', async () => {
    const ca = await generateCA();
    const serving = await issueServingCertificate(
      ca,
      serviceDNSNames('metallb-webhook-service', 'metallb-system'),
      ['127.0.0.1'],
    );
    const caCert = new X509Certificate(ca.cert);
    const leaf = new X509Certificate(serving.cert);
    expect(leaf.verify(caCert.publicKey)).toBe(true);
    expect(leaf.checkHost('metallb-webhook-service.metallb-system.svc')).toBeTruthy();
    expect(leaf.checkIP('127.0.0.1')).toBeTruthy();
    expect(leaf.ca).toBe(false);
    expect(caCert.ca).toBe(true);
    expect(serving.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('renews the serving certificate from the same CA when fewer than 30 days remain', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const ca = await generateCA(start);
    const first = await issueServingCertificate(ca, ['x'], [], start);
    expect(needsRenewal(first.cert, start)).toBe(false);
    const late = new Date('2026-12-15T00:00:00Z');
    expect(needsRenewal(first.cert, late)).toBe(true);
    expect(needsRenewal(ca.cert, late)).toBe(false);
    const renewed = await issueServingCertificate(ca, ['x'], [], late);
    expect(new X509Certificate(renewed.cert).verify(new X509Certificate(ca.cert).publicKey)).toBe(true);
    expect(needsRenewal(renewed.cert, late)).toBe(false);
  });
});
