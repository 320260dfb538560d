// Test helpers: hand-built wire octets.
export const MARKER = new Array<number>(16).fill(0xff);

/** Octets from a hex string; spaces and newlines are ignored. */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  if (clean.length % 2 !== 0) throw new Error('odd hex');
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

/** A whole message: marker, length, type and body. */
export function msg(type: number, body: ArrayLike<number>): Uint8Array {
  const len = 19 + body.length;
  return Uint8Array.from([...MARKER, len >> 8, len & 0xff, type, ...Array.from(body)]);
}

/** An UPDATE from its parts. */
export function updateMsg(withdrawn: number[], attrs: number[], nlri: number[]): Uint8Array {
  return msg(2, [
    withdrawn.length >> 8,
    withdrawn.length & 0xff,
    ...withdrawn,
    attrs.length >> 8,
    attrs.length & 0xff,
    ...attrs,
    ...nlri,
  ]);
}

/** Well-formed ORIGIN IGP, AS_PATH [65001] (4-octet), NEXT_HOP 192.0.2.1. */
export const BASE_ATTRS = [0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0, 0, 0xfd, 0xe9, 0x40, 3, 4, 192, 0, 2, 1];
