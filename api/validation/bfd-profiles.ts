// BFDProfile ranges (the same as the CRD schema; upstream's parser checks them again).
import type { BFDProfile, BFDProfileSpec } from '../types';
import type { IssueCollector, ObjectRef } from './issues';
import { nameOf } from './object-names';

const RANGES: [keyof BFDProfileSpec, number, number, string][] = [
  ['receiveInterval', 10, 60000, 'receive interval'],
  ['transmitInterval', 10, 60000, 'transmit interval'],
  ['detectMultiplier', 2, 255, 'detect multiplier'],
  ['echoInterval', 10, 60000, 'echo interval'],
  ['minimumTtl', 1, 254, 'minimum ttl'],
];

export function checkBFDProfile(profile: BFDProfile, out: IssueCollector): void {
  const ref: ObjectRef = { kind: 'BFDProfile', name: nameOf(profile) };
  const spec = profile.spec ?? {};
  for (const [field, min, max, label] of RANGES) {
    const v = spec[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      out.error(ref, `spec.${field}`, `invalid ${label} value ${String(v)}: must be in ${min}-${max} range`);
    }
  }
}
