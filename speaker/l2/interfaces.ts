// Which of a node's interfaces Layer 2 answers on, as upstream's announcer decides: up, not
// loopback, ARP-capable (no NOARP), not enslaved to a bond or bridge (the master answers), with an
// Ethernet address, and not matching the `metallb-excludel2` patterns; then restricted to what the
// L2Advertisements list. Pure: the shell passes the interfaces it enumerated.
import { parse } from 'yaml';

/** What the shell knows of one interface (the native addon's listInterfaces fits). */
export interface InterfaceInfo {
  name: string;
  up: boolean;
  loopback: boolean;
  noarp: boolean;
  master: string | null;
  mac: Uint8Array | null;
  addresses: readonly string[];
}

export type InterfaceExclusion = 'down' | 'loopback' | 'noarp' | 'enslaved' | 'noMac' | 'excludedByPattern';

export function interfaceExclusion(i: InterfaceInfo, excluded: readonly RegExp[]): InterfaceExclusion | '' {
  if (i.loopback) return 'loopback';
  if (!i.up) return 'down';
  if (i.noarp) return 'noarp';
  if (i.master) return 'enslaved';
  if (!i.mac || i.mac.length !== 6) return 'noMac';
  if (excluded.some((re) => re.test(i.name))) return 'excludedByPattern';
  return '';
}

export interface ExcludePatterns {
  patterns: RegExp[];
  /** Entries that are not valid regular expressions (skipped), for the log and status. */
  errors: string[];
}

/** The patterns of an `excludel2.yaml` (`announcedInterfacesToExclude: [regex, ...]`). */
export function parseExcludeL2(text: string): ExcludePatterns {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    return { patterns: [], errors: [`excludel2.yaml is not YAML: ${(err as Error).message.split('\n')[0]}`] };
  }
  const list = (doc as { announcedInterfacesToExclude?: unknown } | null)?.announcedInterfacesToExclude ?? [];
  if (!Array.isArray(list)) return { patterns: [], errors: ['announcedInterfacesToExclude must be a list'] };
  return compilePatterns(list.map(String));
}

export function compilePatterns(sources: readonly string[]): ExcludePatterns {
  const out: ExcludePatterns = { patterns: [], errors: [] };
  for (const src of sources) {
    try {
      out.patterns.push(new RegExp(src));
    } catch {
      out.errors.push(`announcedInterfacesToExclude: ${JSON.stringify(src)} is not a regular expression`);
    }
  }
  return out;
}

export interface InterfaceChoice {
  /** Interfaces to answer on, sorted. */
  use: string[];
  /** Interfaces an advertisement lists that are not usable here, with why (absent: 'missing'). */
  unusable: { name: string; reason: InterfaceExclusion | 'missing' }[];
}

/** The eligible interfaces among `wanted` ('all': every eligible one). */
export function chooseInterfaces(
  all: readonly InterfaceInfo[],
  wanted: readonly string[] | 'all',
  excluded: readonly RegExp[],
): InterfaceChoice {
  const byName = new Map(all.map((i) => [i.name, i]));
  const names = wanted === 'all' ? [...byName.keys()] : wanted;
  const choice: InterfaceChoice = { use: [], unusable: [] };
  for (const name of names) {
    const i = byName.get(name);
    const why = i ? interfaceExclusion(i, excluded) : 'missing';
    if (why === '') choice.use.push(name);
    else if (wanted !== 'all') choice.unusable.push({ name, reason: why });
  }
  choice.use.sort();
  return choice;
}
