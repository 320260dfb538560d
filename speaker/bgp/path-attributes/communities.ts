// COMMUNITIES (RFC 1997, 4-octet values) and LARGE_COMMUNITY (RFC 8092, three 4-octet fields).
// An empty or ragged list is an Optional Attribute Error: treat-as-withdraw (RFC 7606 §7.8).
import { ByteWriter, readU32 } from '../bytes';
import { UpdateSubcode } from '../constants';
import type { LargeCommunity } from '../types';
import { lengthError, type AttributeInput, type AttributeOutcome, type AttrError } from './decoder';

const COMMUNITY_SIZE = 4;
const LARGE_COMMUNITY_SIZE = 12;

/** Neither list may be empty, and each must hold whole values. */
function listLengthError(a: AttributeInput, name: string, size: number): AttrError | undefined {
  const len = a.value.length;
  if (len !== 0 && len % size === 0) return undefined;
  return lengthError(a, name, 'withdraw', UpdateSubcode.OptionalAttributeError);
}

export function decodeCommunities(a: AttributeInput): AttributeOutcome {
  const bad = listLengthError(a, 'COMMUNITIES', COMMUNITY_SIZE);
  if (bad) return bad;
  const communities: number[] = [];
  for (let i = 0; i < a.value.length; i += COMMUNITY_SIZE) communities.push(readU32(a.value, i));
  return { communities };
}

export function decodeLargeCommunities(a: AttributeInput): AttributeOutcome {
  const bad = listLengthError(a, 'LARGE_COMMUNITY', LARGE_COMMUNITY_SIZE);
  if (bad) return bad;
  const v = a.value;
  const largeCommunities: LargeCommunity[] = [];
  for (let i = 0; i < v.length; i += LARGE_COMMUNITY_SIZE) {
    largeCommunities.push({ global: readU32(v, i), local1: readU32(v, i + 4), local2: readU32(v, i + 8) });
  }
  return { largeCommunities };
}

export function encodeCommunities(communities: readonly number[]): Uint8Array {
  const w = new ByteWriter();
  for (const c of communities) w.u32(c);
  return w.finish();
}

export function encodeLargeCommunities(communities: readonly LargeCommunity[]): Uint8Array {
  const w = new ByteWriter();
  for (const c of communities) w.u32(c.global).u32(c.local1).u32(c.local2);
  return w.finish();
}
