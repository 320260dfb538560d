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
