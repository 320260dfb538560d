// Community values: RFC 1997 communities as uint32 ("AS:value" in text) and RFC 8092 large
// communities ("global:local1:local2", or MetalLB's "large:g:l1:l2").

/** An RFC 8092 large community (the BGP codec's model shares this type). */
export interface LargeCommunity {
  global: number;
  local1: number;
  local2: number;
}

const UINT = /^\d{1,10}$/;

function part(s: string | undefined, max: number): number | undefined {
  if (s === undefined || !UINT.test(s)) return undefined;
  const n = Number(s);
  return n <= max ? n : undefined;
}

export function parseCommunity(s: string): number | undefined {
  const fields = s.split(':');
  if (fields.length !== 2) return undefined;
  const hi = part(fields[0], 0xffff);
  const lo = part(fields[1], 0xffff);
  if (hi === undefined || lo === undefined) return undefined;
  return ((hi << 16) | lo) >>> 0;
}

export function formatCommunity(v: number): string {
  return `${v >>> 16}:${v & 0xffff}`;
}

export function parseLargeCommunity(s: string): LargeCommunity | undefined {
  let fields = s.split(':');
  if (fields.length === 4 && fields[0] === 'large') fields = fields.slice(1);
  if (fields.length !== 3) return undefined;
  const [g, l1, l2] = fields.map((f) => part(f, 0xffff_ffff));
  if (g === undefined || l1 === undefined || l2 === undefined) return undefined;
  return { global: g, local1: l1, local2: l2 };
}

export function formatLargeCommunity(c: LargeCommunity): string {
  return `${c.global}:${c.local1}:${c.local2}`;
}

export function compareLargeCommunities(a: LargeCommunity, b: LargeCommunity): number {
  return a.global - b.global || a.local1 - b.local1 || a.local2 - b.local2;
}
