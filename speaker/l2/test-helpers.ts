// Hex helpers shared by the L2 and BFD tests, and the deterministic generator (api/test-prng.ts).
export function hex(s: string): Uint8Array {
  const clean = s.replace(/[\s|:]/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

export { prng } from '../../api/test-prng';
