// IPAddressPool addresses: every entry parses (CIDR, or start-end range, IPv4 or IPv6), and the
// parsed form (inclusive range plus its minimal CIDR cover) is kept for the rules that need it.
import {
  AddressParseError,
  parseAddressEntry,
  parseIP,
  summarizeRange,
  type CIDR,
  type IPRange,
} from '../ip-ranges';
import type { IPAddressPool } from '../types';
import type { IssueCollector, ObjectRef } from './issues';
import { nameOf } from './object-names';

export interface ParsedEntry {
  index: number;
  text: string;
  range: IPRange;
  /** The minimal CIDR cover of the range, as upstream summarizes ranges. */
  cidrs: CIDR[];
}

export interface ParsedPool {
  obj: IPAddressPool;
  ref: ObjectRef;
  /** Only the entries that parsed. */
  entries: ParsedEntry[];
  hasV4: boolean;
  hasV6: boolean;
}

function entryProblem(text: unknown): string | ParsedEntry['range'] {
  if (typeof text !== 'string') return 'each address must be a string';
  try {
    return parseAddressEntry(text);
  } catch (e) {
    if (!(e instanceof AddressParseError)) throw e;
    // A bare IP is the most common mistake; say how to write it.
    const hint = parseIP(text.trim())
      ? `; write a single IP as "${text.trim()}-${text.trim()}" or with a mask`
      : '';
    return e.message + hint;
  }
}

export function parsePools(pools: readonly IPAddressPool[], out: IssueCollector): ParsedPool[] {
  return pools.map((obj) => {
    const ref: ObjectRef = { kind: 'IPAddressPool', name: nameOf(obj) };
    const addresses: unknown[] = Array.isArray(obj.spec?.addresses) ? obj.spec.addresses : [];
    if (addresses.length === 0) {
      out.error(
        ref,
        'spec.addresses',
        'pool has no addresses defined: at least one CIDR or range is required',
      );
    }
    const entries: ParsedEntry[] = [];
    addresses.forEach((text, index) => {
      const parsed = entryProblem(text);
      if (typeof parsed === 'string') {
        out.error(ref, `spec.addresses[${index}]`, parsed);
        return;
      }
      entries.push({ index, text: text as string, range: parsed, cidrs: summarizeRange(parsed) });
    });
    return {
      obj,
      ref,
      entries,
      hasV4: entries.some((e) => e.range.family === 4),
      hasV6: entries.some((e) => e.range.family === 6),
    };
  });
}
