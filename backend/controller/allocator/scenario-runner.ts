// Test support: allocator behaviour written as ordered scenarios, one vitest test per step, with
// state carried from step to step (like upstream's table tests).
import { describe, expect, it } from 'vitest';
import type { IPFamily } from '../../../api/ip-ranges';
import type { IPAddressPool, ServiceAllocation } from '../../../api/types';
import { Allocator, type AllocResult } from './allocator';
import { poolsFromConfig, type NamespaceLike } from './pools-from-config';
import type { AllocService, IPFamilyPolicy } from './service-request';

export interface Ctx {
  alloc: Allocator;
  /** Pool names reported by onUsageChange, in order; steps may inspect and reset it. */
  changes: string[];
  namespaces: NamespaceLike[];
  released: string[];
}

export interface Step {
  title: string;
  run(ctx: Ctx): void;
}

export function scenario(name: string, steps: Step[]): void {
  describe(name, () => {
    const ctx: Ctx = { alloc: undefined as unknown as Allocator, changes: [], namespaces: [], released: [] };
    ctx.alloc = new Allocator({ onUsageChange: (p) => ctx.changes.push(p) });
    steps.forEach((s, i) => it(`${i + 1}. ${s.title}`, () => s.run(ctx)));
  });
}

// ---- fixtures ----

export interface PoolOptions {
  autoAssign?: boolean;
  avoidBuggyIPs?: boolean;
  serviceAllocation?: ServiceAllocation;
}

export function pool(name: string, addresses: string[], o: PoolOptions = {}): IPAddressPool {
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name, namespace: 'metallb-system' },
    spec: { addresses, ...o },
  };
}

export interface SvcOptions {
  ns?: string;
  labels?: Record<string, string>;
  /** "4", "6", "46" (dual, IPv4 primary) or "64" (dual, IPv6 primary). */
  fam?: '4' | '6' | '46' | '64';
  policy?: IPFamilyPolicy;
  /** e.g. "tcp/80 udp/53"; default "tcp/8080". */
  ports?: string;
  key?: string;
  backend?: string;
}

export function svc(name: string, o: SvcOptions = {}): AllocService {
  const fam = o.fam ?? '4';
  const families = [...fam].map((c) => Number(c) as IPFamily);
  const ports = (o.ports ?? 'tcp/8080')
    .split(' ')
    .filter(Boolean)
    .map((p) => {
      const [proto, port] = p.split('/');
      return { protocol: proto!.toUpperCase(), port: Number(port) };
    });
  return {
    key: `${o.ns ?? 'default'}/${name}`,
    namespace: o.ns ?? 'default',
    labels: o.labels ?? {},
    families,
    policy: o.policy ?? (families.length === 2 ? 'RequireDualStack' : 'SingleStack'),
    ports,
    sharingKey: o.key ?? '',
    backendKey: o.backend ?? '',
  };
}

// ---- steps ----

/** Loads pools; by default the config must be valid. */
export function config(pools: IPAddressPool[], o: { allowErrors?: boolean; released?: string[] } = {}): Step {
  return {
    title: `config ${pools.map((p) => `${p.metadata.name}[${p.spec.addresses.join(',')}]`).join(' ') || '(none)'}`,
    run(ctx) {
      const { pools: parsed, errors } = poolsFromConfig(pools, ctx.namespaces);
      if (!o.allowErrors) expect(errors).toEqual([]);
      ctx.released = ctx.alloc.setPools(parsed);
      if (o.released) expect(ctx.released).toEqual(o.released);
    },
  };
}

export function namespaces(list: Record<string, Record<string, string>>): Step {
  return {
    title: `namespaces ${Object.keys(list).join(',')}`,
    run(ctx) {
      ctx.namespaces = Object.entries(list).map(([name, labels]) => ({ metadata: { name, labels } }));
    },
  };
}

type Expectation = { ips: string[]; pool?: string } | { oneOf: string[] } | { error: string | RegExp };

function check(r: AllocResult, e: Expectation): void {
  if ('error' in e) {
    expect(r.ok, `expected an error, got ${JSON.stringify(r)}`).toBe(false);
    if (!r.ok) expect(r.error).toMatch(e.error);
    return;
  }
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  if (!r.ok) return;
  if ('oneOf' in e) {
    for (const ip of r.ips) expect(e.oneOf).toContain(ip);
  } else {
    expect(r.ips).toEqual(e.ips);
    if (e.pool) expect(r.pool).toBe(e.pool);
  }
}

function describeExp(e: Expectation): string {
  if ('error' in e) return `error ${String(e.error)}`;
  if ('oneOf' in e) return `one of ${e.oneOf.join(',')}`;
  return `${e.ips.join(',') || 'nothing'}${e.pool ? ` from ${e.pool}` : ''}`;
}

function svcTitle(s: AllocService): string {
  const bits = [s.key, `v${s.families.join('')}`];
  if (s.policy !== 'SingleStack') bits.push(s.policy);
  if (s.sharingKey) bits.push(`key=${s.sharingKey}`);
  if (s.backendKey) bits.push(`backend=${s.backendKey}`);
  bits.push(s.ports.map((p) => `${p.protocol}/${p.port}`).join(' '));
  return bits.join(' ');
}

export const ok = (ips: string[] | string, pool?: string): Expectation => ({
  ips: typeof ips === 'string' ? [ips] : ips,
  ...(pool ? { pool } : {}),
});
export const oneOf = (...ips: string[]): Expectation => ({ oneOf: ips });
export const fails = (error: string | RegExp = /./): Expectation => ({ error });

export function assign(s: AllocService, ips: string[], e: Expectation): Step {
  return {
    title: `assign ${svcTitle(s)} <- ${ips.join(',')}: ${describeExp(e)}`,
    run: (ctx) => check(ctx.alloc.assign(s, ips), e),
  };
}

export function allocate(s: AllocService, e: Expectation): Step {
  return {
    title: `allocate ${svcTitle(s)}: ${describeExp(e)}`,
    run: (ctx) => check(ctx.alloc.allocate(s), e),
  };
}

export function fromPool(s: AllocService, poolName: string, e: Expectation): Step {
  return {
    title: `allocate ${svcTitle(s)} from ${poolName}: ${describeExp(e)}`,
    run: (ctx) => check(ctx.alloc.allocateFromPool(s, poolName), e),
  };
}

export function release(key: string, expectHeld = true): Step {
  return { title: `release ${key}`, run: (ctx) => expect(ctx.alloc.release(key)).toBe(expectHeld) };
}

/** The Service's current allocation (undefined = none). */
export function holds(key: string, ips: string[] | undefined, poolName?: string): Step {
  return {
    title: `${key} holds ${ips?.join(',') ?? 'nothing'}${poolName ? ` from ${poolName}` : ''}`,
    run(ctx) {
      const a = ctx.alloc.allocation(key);
      expect(a?.ips).toEqual(ips);
      if (poolName !== undefined) expect(a?.pool).toBe(poolName);
    },
  };
}

export interface UsageExpectation {
  capacityIPv4?: bigint;
  capacityIPv6?: bigint;
  inUseIPv4?: number;
  inUseIPv6?: number;
}

export function usage(poolName: string, e: UsageExpectation | undefined): Step {
  return {
    title: `usage of ${poolName}: ${e ? JSON.stringify(e, (_, v) => (typeof v === 'bigint' ? Number(v) : v)) : 'none'}`,
    run(ctx) {
      const u = ctx.alloc.usage(poolName);
      if (!e) expect(u).toBeUndefined();
      else expect(u).toMatchObject(e);
    },
  };
}

/** The pools reported changed since the last such step. */
export function notified(pools: string[]): Step {
  return {
    title: `usage change notifications: ${pools.join(',') || 'none'}`,
    run(ctx) {
      expect(ctx.changes).toEqual(pools);
      ctx.changes = [];
    },
  };
}

/** Free-form step. */
export function step(title: string, run: (ctx: Ctx) => void): Step {
  return { title, run };
}
