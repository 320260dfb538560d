// Go's time.ParseDuration, which is how upstream (metav1.Duration) reads holdTime, keepaliveTime
// and connectTime: "90s", "1m30s", "1.5h", "300ms", "0". Units are mandatory except for "0".

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const MAX_NS = 2 ** 63 - 1;
const TERM_RE = /^(\d*)(?:\.(\d*))?([^\d.]+)/;

/** Nanoseconds, or undefined when `text` is not a Go duration (or overflows int64 like Go). */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  while (s !== '') {
    const m = TERM_RE.exec(s);
    if (!m) return undefined;
    const [all, whole = '', frac = '', unit = ''] = m;
    // "." alone, or a number with neither digits before nor after the dot, is not a number.
    if (whole === '' && frac === '') return undefined;
    const scale = UNIT_NS[unit];
    if (scale === undefined) return undefined;
    total += Number(`${whole || '0'}.${frac || '0'}`) * scale;
    s = s.slice(all.length);
  }
  if (total > MAX_NS) return undefined;
  return sign * total;
}

/** Whole seconds, truncated toward zero like Go's `int(d.Seconds())`. */
export function wholeSeconds(ns: number): number {
  return Math.trunc(ns / 1e9);
}

/** A short human form for messages, e.g. 1.5e9 -> "1.5s". */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  if (Math.abs(ns) >= 1e9) return `${+(ns / 1e9).toFixed(3)}s`;
  if (Math.abs(ns) >= 1e6) return `${+(ns / 1e6).toFixed(3)}ms`;
  return `${ns}ns`;
}
