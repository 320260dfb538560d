// Issue 13: `npm run backend -- --dev` keeps its webhooks served by itself whatever the operator
// does. The backend runs as a child process, as the playground starts it, on the local control
// plane; its MetalLB CR is created and deleted, and around each step a valid pool must be accepted
// and an invalid one refused by our webhook with our message.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1ValidatingWebhookConfiguration } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NAMES } from '../api/operand';
import { freePort } from '../integration-tests/cluster/ports';
import { kubectl, uniqueName, waitFor } from '../integration-tests/cluster/test-env';

const ns = uniqueName('dev-webhooks');
let dir: string;
let log: string;
let backend: ChildProcess | undefined;
let base: string;

async function startBackend(): Promise<void> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Right after CRDs appear, discovery may briefly miss a kind and `--dev` exits: start again.
  for (let attempt = 1; ; attempt++) {
    const fd = openSync(log, 'a');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'backend/main.ts', '--dev', '--namespace', ns, '--http-port', String(port)],
      { env: { ...process.env, KUBECONFIG: inject('kubeconfig') }, stdio: ['ignore', fd, fd] },
    );
    closeSync(fd);
    backend = child;
    try {
      await waitFor(
        'backend ready',
        async () => {
          if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}`);
          return (await fetch(`${base}/readyz`)).ok;
        },
        60_000,
      );
      return;
    } catch (err) {
      if (attempt >= 3 || child.exitCode === null)
        throw new Error(`${(err as Error).message}; log:\n${readFileSync(log, 'utf8').slice(-3000)}`);
    }
  }
}

const pool = (name: string, addresses: string[]) =>
  JSON.stringify({
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name, namespace: ns },
    spec: { addresses },
  });

let round = 0;
/** A valid pool is accepted; one overlapping it is refused by our webhook, with our message. */
async function webhookAnswers(): Promise<void> {
  const valid = `valid-${round}`;
  // Each round its own addresses, so earlier pools never make this one invalid.
  await kubectl(['create', '-f', '-'], pool(valid, [`203.0.113.${16 * round}/29`]));
  await expect(
    kubectl(['create', '-f', '-'], pool(`invalid-${round}`, [`203.0.113.${16 * round + 4}/30`])),
  ).rejects.toThrow(
    new RegExp(
      `admission webhook "ipaddresspoolvalidationwebhook.metallb.io" denied the request: .*overlaps with already defined CIDR .*IPAddressPool "${valid}"`,
    ),
  );
  round++;
}

async function registration(): Promise<V1ValidatingWebhookConfiguration | undefined> {
  const out = await kubectl([
    'get',
    'validatingwebhookconfiguration',
    NAMES.webhookConfiguration,
    '-o',
    'json',
  ]).catch((err: Error) => {
    if (/NotFound/.test(err.message)) return undefined;
    throw err;
  });
  return out ? (JSON.parse(out) as V1ValidatingWebhookConfiguration) : undefined;
}

/** Every webhook is called by URL on loopback: the local backend, never a Service. */
async function expectLocalRegistration(): Promise<void> {
  const cfg = await registration();
  expect(cfg?.webhooks?.length).toBeGreaterThan(0);
  for (const w of cfg!.webhooks!) {
    expect(w.clientConfig.service).toBeUndefined();
    expect(w.clientConfig.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-webhooks-'));
  log = join(dir, 'backend.log');
  await startBackend();
});

afterAll(async () => {
  if (backend && backend.exitCode === null) {
    backend.kill('SIGKILL');
    await once(backend, 'exit');
  }
  await kubectl(['delete', 'metallb', '--all', '-n', ns, '--wait=false']).catch(() => undefined);
  await kubectl(['delete', 'namespace', ns, '--wait=false']).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('backend --dev with the operator', () => {
  it('keeps the webhooks answering through the MetalLB CR created and deleted', async () => {
    await expectLocalRegistration();
    await webhookAnswers();

    await kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'metallb.io/v1beta1',
        kind: 'MetalLB',
        metadata: { name: 'metallb', namespace: ns },
      }),
    );
    // The operator has converged: the operand, with the webhook Service, exists and the CR is Available.
    await waitFor(
      'MetalLB Available',
      async () => {
        const cr = JSON.parse(await kubectl(['get', 'metallb', 'metallb', '-n', ns, '-o', 'json'])) as {
          status?: { conditions?: { type: string; status: string }[] };
        };
        return cr.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True');
      },
      60_000,
    );
    await kubectl(['get', 'service', NAMES.webhookService, '-n', ns]);
    await expectLocalRegistration();
    await webhookAnswers();

    await kubectl(['delete', 'metallb', 'metallb', '-n', ns, '--wait=true', '--timeout=60s']);
    await waitFor('the operand removed', async () =>
      (await kubectl(['get', 'service', '-n', ns, '-o', 'name'])).includes(NAMES.webhookService)
        ? false
        : true,
    );
    await expectLocalRegistration();
    await webhookAnswers();
  });

  it('withdraws its registration when it stops, leaving the apiserver no dead endpoint', async () => {
    backend!.kill('SIGTERM');
    await once(backend!, 'exit');
    expect(await registration()).toBeUndefined();
  });
});
