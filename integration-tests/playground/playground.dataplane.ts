// Acceptance of `npm start` / `npm stop` (issue 13) as a user runs them: a detached playground
// whose every Service IP (Layer 2 and BGP, IPv4 and IPv6) answers HTTP from the client namespace,
// a state.json as the architecture contract says, and a stop that leaves no namespace, process or
// scratch directory; then a foreground one ended by `npm stop` from another process within 10 s.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataplaneSkipReason, listNamespaces } from '../dataplane/netns';
import { readRecord, type RunRecord } from '../../scripts/playground/ledger';
import { DIR, PATHS, ROOT } from '../../scripts/playground/paths';
import { NAME_BASE } from '../../scripts/playground/plan';
import { isAlive } from '../../scripts/playground/processes';
import { probe } from '../../scripts/playground/prereqs';
import type { PlaygroundState } from '../../scripts/playground/state';
import { READY_LINE } from '../../scripts/playground/summary';
import { kubectl, METALLB_CR, overviewInChromium, pool, SCREENSHOTS } from './user-checks';

function skipReason(): string | undefined {
  const netns = dataplaneSkipReason('playground acceptance test');
  if (netns) return netns;
  const f = probe();
  const missing = [...f.frrMissing, ...(f.curl ? [] : ['curl'])];
  const why = missing.length > 0 ? `${missing.join(', ')} missing: run scripts/system-deps.sh` : undefined;
  const running = readRecord(PATHS.run);
  const busy = running && isAlive(running.pid) ? 'a playground is running here: `npm stop` first' : undefined;
  const reason = why ?? busy;
  if (reason && process.env.METALLB_CI)
    throw new Error(`playground acceptance test cannot run: ${reason} (required under .ci/run)`);
  if (reason) console.warn(`playground acceptance test skipped: ${reason}`);
  return reason;
}

const unavailable = skipReason();

function npm(args: string[], timeoutMs: number): { out: string; ms: number; status: number | null } {
  const t0 = Date.now();
  const r = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs });
  return { out: `${r.stdout}${r.stderr}`, ms: Date.now() - t0, status: r.status };
}

function curl(netns: string, ip: string): string {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return execFileSync('ip', ['netns', 'exec', netns, 'curl', '-sS', '-m', '3', `http://${host}/`], {
    encoding: 'utf8',
  }).trim();
}

/** What a run leaves if its stop failed: namespaces, live recorded processes, scratch dirs, files. */
function leftovers(r: RunRecord): string[] {
  return [
    ...listNamespaces().filter((ns) => ns.startsWith(r.prefix)),
    ...[{ name: 'supervisor', pid: r.pid }, ...r.processes]
      .filter((p) => isAlive(p.pid))
      .map((p) => `${p.name} (pid ${p.pid})`),
    ...readdirSync(tmpdir())
      .filter((d) => d.startsWith(r.prefix))
      .map((d) => path.join(tmpdir(), d)),
    ...[PATHS.state, PATHS.run, PATHS.cluster, ...r.dirs].filter((f) => existsSync(f)),
  ];
}

describe.skipIf(unavailable !== undefined)(
  `npm start / npm stop${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    afterAll(() => {
      // Whatever happened above, leave nothing running.
      if (existsSync(PATHS.run)) npm(['stop'], 30_000);
    });

    describe('detached', () => {
      let start: ReturnType<typeof npm>;
      let state: PlaygroundState;
      let record: RunRecord;

      beforeAll(() => {
        // A cold cache builds the control plane (minutes); the UI builds when its sources changed.
        start = npm(['start', '--', '--detach'], 900_000);
        if (start.status !== 0) throw new Error(`npm start -- --detach failed:\n${start.out}`);
        console.log(`npm start -- --detach returned in ${(start.ms / 1000).toFixed(1)} s`);
        state = JSON.parse(readFileSync(PATHS.state, 'utf8')) as PlaygroundState;
        record = readRecord(PATHS.run)!;
      }, 900_000);

      it('prints the summary and writes state.json exactly as the contract says', () => {
        expect(start.out).toContain(READY_LINE);
        expect(start.out).toContain(state.uiUrl);
        expect(Object.keys(state).sort()).toEqual(
          ['clientNetns', 'kubeconfig', 'nodes', 'routerNetns', 'services', 'uiUrl'].sort(),
        );
        expect(existsSync(state.kubeconfig)).toBe(true);
        expect(state.nodes.map((n) => n.name)).toEqual(['node-0', 'node-1', 'node-2']);
        for (const n of state.nodes) {
          expect(Object.keys(n).sort()).toEqual(['interface', 'name', 'netns']);
          expect(listNamespaces()).toContain(n.netns);
        }
        expect(state.clientNetns).toMatch(new RegExp(`^${NAME_BASE}-`));
        expect(state.routerNetns).toMatch(new RegExp(`^${NAME_BASE}-`));
        expect(state.services.map((s) => `${s.mode} ${s.ip.includes(':') ? 'v6' : 'v4'}`).sort()).toEqual([
          'bgp v4',
          'bgp v6',
          'l2 v4',
          'l2 v6',
        ]);
        for (const s of state.services)
          expect(Object.keys(s).sort()).toEqual(['ip', 'mode', 'name', 'namespace', 'port']);
      });

      it('serves the UI', async () => {
        const res = await fetch(state.uiUrl);
        expect(res.status).toBe(200);
      });

      it('answers HTTP on every Service IP from the client namespace, Layer 2 and BGP', () => {
        for (const s of state.services)
          expect(`${s.ip}: ${curl(state.clientNetns!, s.ip)}`).toMatch(/: node-\d$/);
      });

      it('shows the sample pools, Layer 2 owners and BGP sessions in the UI (Chromium)', async () => {
        const l2 = state.services.find((s) => s.mode === 'l2' && !s.ip.includes(':'))!;
        const r = await overviewInChromium(state.uiUrl, ['l2-pool', 'bgp-pool'], l2.ip, SCREENSHOTS);
        expect(r.errors).toEqual([]);
      }, 120_000);

      it('keeps the webhook answering through deleting and re-creating the MetalLB CR', async () => {
        const k = (args: string[], stdin?: string) => kubectl(state.kubeconfig, args, stdin);
        const check = async (round: string) => {
          const good = await k(['apply', '-f', '-'], pool(`ok-${round}`, '203.0.113.240/30'));
          expect(good, `valid pool (${round})`).toMatchObject({ code: 0 });
          const bad = await k(['apply', '-f', '-'], pool(`bad-${round}`, '203.0.113.300/30'));
          expect(bad.code, `invalid pool (${round}): ${bad.out}`).not.toBe(0);
          expect(bad.out).toMatch(/admission webhook .* denied the request/);
          await k(['delete', 'ipaddresspool', '-n', 'metallb-system', `ok-${round}`]);
        };
        expect((await k(['apply', '-f', '-'], METALLB_CR)).code).toBe(0);
        await check('with-cr');
        expect((await k(['delete', 'metallb', '-n', 'metallb-system', 'metallb'])).code).toBe(0);
        await new Promise((r) => setTimeout(r, 2_000)); // the operator reacts to the deletion
        await check('after-delete');
        expect((await k(['apply', '-f', '-'], METALLB_CR)).code).toBe(0);
        await new Promise((r) => setTimeout(r, 2_000));
        await check('recreated');
      }, 120_000);

      it('removes what a crashed run left when the next one starts', () => {
        process.kill(record.pid, 'SIGKILL');
        const crashed = record;
        const again = npm(['start', '--', '--detach'], 300_000);
        expect(again.status, again.out).toBe(0);
        expect(again.out).toContain('removed what a crashed playground left behind');
        expect(leftovers(crashed).filter((l) => !l.startsWith(DIR))).toEqual([]);
        state = JSON.parse(readFileSync(PATHS.state, 'utf8')) as PlaygroundState;
        record = readRecord(PATHS.run)!;
        expect(record.prefix).not.toBe(crashed.prefix);
        for (const s of state.services)
          expect(`${s.ip}: ${curl(state.clientNetns!, s.ip)}`).toMatch(/: node-\d$/);
      }, 300_000);

      it('npm stop leaves no namespace, process or scratch directory', () => {
        const stop = npm(['stop'], 60_000);
        console.log(`npm stop took ${(stop.ms / 1000).toFixed(1)} s`);
        expect(stop.status, stop.out).toBe(0);
        expect(leftovers(record)).toEqual([]);
        expect(stop.ms).toBeLessThan(10_000);
      });
    });

    it('a foreground npm start ended by npm stop from another process exits within 10 s, leaving nothing', async () => {
      const child = spawn('npm', ['start'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const deadline = Date.now() + 300_000;
      while (!out.includes(READY_LINE)) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`npm start did not get ready:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const record = readRecord(PATHS.run)!;
      const t0 = Date.now();
      const stop = npm(['stop'], 60_000);
      const code = await Promise.race([
        exited,
        new Promise((r) => setTimeout(() => r('still running'), 10_000)),
      ]);
      const ms = Date.now() - t0;
      console.log(`foreground npm start exited ${(ms / 1000).toFixed(1)} s after npm stop began`);
      expect(stop.status, stop.out).toBe(0);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
      expect(leftovers(record)).toEqual([]);
    }, 330_000);
  },
);
