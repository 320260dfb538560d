// BGP community literals as upstream reads them: "AS:value" (two 16-bit parts) or
// "large:global:local1:local2" (three 32-bit parts). A string with the wrong number of parts is a
// "format" problem (in a BGPAdvertisement it may be the name of a Community alias); a string with
// the right shape but bad numbers is a "value" problem (always an error).

export type ParsedCommunity =
  | { ok: true; kind: 'legacy'; parts: [number, number] }
  | { ok: true; kind: 'large'; parts: [number, number, number] }
  | { ok: false; problem: 'format' | 'value'; message: string };

const DIGITS = /^\d+$/;

function parseUint(text: string, max: number): number | undefined {
  if (!DIGITS.test(text)) return undefined;
  const v = Number(text);
  return v <= max ? v : undefined;
}

export function parseCommunity(text: string): ParsedCommunity {
  const q = JSON.stringify;
  const fields = text.split(':');
  if (fields.length === 2) {
    const parts: number[] = [];
    for (const f of fields) {
      const v = parseUint(f, 0xffff);
      if (v === undefined) {
        return {
          ok: false,
          problem: 'value',
          message: `invalid community value: invalid section ${q(f)} of community ${q(text)} (each part must be 0-65535)`,
        };
      }
      parts.push(v);
    }
    return { ok: true, kind: 'legacy', parts: [parts[0]!, parts[1]!] };
  }
  if (fields.length === 4) {
    if (fields[0] !== 'large') {
      return {
        ok: false,
        problem: 'value',
        message: `invalid community value: invalid marker for large community, expected community to be of format large:<uint32>:<uint32>:<uint32> but got ${q(text)}`,
      };
    }
    const parts: number[] = [];
    for (const f of fields.slice(1)) {
      const v = parseUint(f, 0xffff_ffff);
      if (v === undefined) {
        return {
          ok: false,
          problem: 'value',
          message: `invalid community value: invalid section ${q(f)} of community ${q(text)} (each part must be 0-4294967295)`,
        };
      }
      parts.push(v);
    }
    return { ok: true, kind: 'large', parts: [parts[0]!, parts[1]!, parts[2]!] };
  }
  return {
    ok: false,
    problem: 'format',
    message: `invalid community format ${q(text)}: expected <0-65535>:<0-65535> or large:<uint32>:<uint32>:<uint32>`,
  };
}
