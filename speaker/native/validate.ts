// Argument checks of the native wrapper (pure): a wrong type is a TypeError, a bad value a
// RangeError, before anything reaches the addon (which checks again, so nothing can crash it).
import { isIP } from 'node:net';

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/** A network namespace: a name as given to `ip netns add`, or an absolute path; '' and nullish = current. */
export function checkNetns(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw new TypeError(`netns must be a string, got ${typeof v}`);
  if (v.includes('\0')) throw new RangeError('netns must not contain NUL characters');
  if (v.startsWith('/')) {
    if (utf8Length(v) > 1000) throw new RangeError('netns path is too long');
    return v;
  }
  if (v.includes('/') || v === '.' || v === '..' || utf8Length(v) > 255)
    throw new RangeError(`netns must be a name as given to ip netns add (or an absolute path), got "${v}"`);
  return v;
}

/** A Linux interface name: 1 to 15 bytes, no '/', ':', whitespace or NUL, not '.' or '..'. */
export function checkIfname(v: unknown): string {
  if (typeof v !== 'string') throw new TypeError(`ifname must be a string, got ${typeof v}`);
  if (v === '' || utf8Length(v) > 15 || v === '.' || v === '..' || /[/:\s\0]/.test(v))
    throw new RangeError(`ifname is not a valid interface name: "${v}"`);
  return v;
}

/** An IPv4 or IPv6 address as text; an IPv6 scope must be an interface index ("fe80::1%2"). */
export function checkIp(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string, got ${typeof v}`);
  const pct = v.indexOf('%');
  if (isIP(v) === 0 || (pct >= 0 && !/^\d+$/.test(v.slice(pct + 1))))
    throw new RangeError(`${what} must be an IPv4 or IPv6 address (scope as an interface index), got "${v}"`);
  return v;
}

export function checkPort(v: unknown, what: string, min = 0): number {
  if (typeof v !== 'number') throw new TypeError(`${what} must be a number, got ${typeof v}`);
  if (!Number.isInteger(v) || v < min || v > 65535)
    throw new RangeError(`${what} must be an integer from ${min} to 65535, got ${v}`);
  return v;
}

export function checkFunction<F>(v: F, what: string): F {
  if (typeof v !== 'function') throw new TypeError(`${what} must be a function, got ${typeof v}`);
  return v;
}

/** Optional callbacks may be undefined. */
export function checkOptionalFunction<F>(v: F | undefined, what: string): F | undefined {
  return v === undefined ? undefined : checkFunction(v, what);
}

export function checkBytes(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new TypeError(`${what} must be a Uint8Array`);
  return v;
}

export function checkOptions(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null) throw new TypeError(`${what} options must be an object`);
  return v as Record<string, unknown>;
}

/** An optional boolean option; undefined is false. */
export function checkBoolean(v: unknown, what: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw new TypeError(`${what} must be a boolean, got ${typeof v}`);
  return v;
}

/** An optional TTL / hop limit, 1..255. */
export function checkTtl(v: unknown, what: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number') throw new TypeError(`${what} must be a number, got ${typeof v}`);
  if (!Number.isInteger(v) || v < 1 || v > 255)
    throw new RangeError(`${what} must be an integer from 1 to 255, got ${v}`);
  return v;
}

/** TCP_MD5SIG_MAXKEYLEN */
export const MD5_KEY_MAX = 80;

/** An optional TCP-MD5 key: 1..80 bytes of UTF-8. Messages give its length, never the key. */
export function checkMd5Key(v: unknown, what = 'md5Key'): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string, got ${typeof v}`);
  const n = utf8Length(v);
  if (n < 1 || n > MD5_KEY_MAX)
    throw new RangeError(`${what} must have 1 to ${MD5_KEY_MAX} bytes of UTF-8, got ${n}`);
  return v;
}

/** A positive integer of milliseconds that fits a C int. */
export function checkTimeoutMs(v: unknown, what: string): number {
  if (typeof v !== 'number') throw new TypeError(`${what} must be a number, got ${typeof v}`);
  if (!Number.isInteger(v) || v < 1 || v > 2 ** 31 - 1)
    throw new RangeError(`${what} must be an integer from 1 to ${2 ** 31 - 1}, got ${v}`);
  return v;
}

/** A listen backlog; the kernel caps it at net.core.somaxconn. */
export function checkBacklog(v: unknown, what: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw new TypeError(`${what} must be a number, got ${typeof v}`);
  if (!Number.isInteger(v) || v < 1 || v > 65535)
    throw new RangeError(`${what} must be an integer from 1 to 65535, got ${v}`);
  return v;
}

export function checkSignal(v: unknown, what: string): AbortSignal | undefined {
  if (v === undefined) return undefined;
  if (!(v instanceof AbortSignal)) throw new TypeError(`${what} must be an AbortSignal`);
  return v;
}

/** An optional address (see checkIp). */
export function checkOptionalIp(v: unknown, what: string): string | undefined {
  return v === undefined ? undefined : checkIp(v, what);
}

/** IPv4 or IPv6, by the text. */
export function ipFamily(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}
