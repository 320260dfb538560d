// BFDProfile form values <-> object.
import type { BFDProfile } from '../../../api/types';
import { compact, intText, optionalInt, formMetadata } from '../../forms/values';

export interface BFDFormValues {
  name: string;
  receiveInterval: string;
  transmitInterval: string;
  detectMultiplier: string;
  echoInterval: string;
  minimumTtl: string;
  echoMode: boolean;
  passiveMode: boolean;
}

export function emptyBFD(): BFDFormValues {
  return {
    name: '',
    receiveInterval: '',
    transmitInterval: '',
    detectMultiplier: '',
    echoInterval: '',
    minimumTtl: '',
    echoMode: false,
    passiveMode: false,
  };
}

export function bfdFromObject(obj: BFDProfile): BFDFormValues {
  const s = obj.spec ?? {};
  return {
    name: obj.metadata?.name ?? '',
    receiveInterval: intText(s.receiveInterval),
    transmitInterval: intText(s.transmitInterval),
    detectMultiplier: intText(s.detectMultiplier),
    echoInterval: intText(s.echoInterval),
    minimumTtl: intText(s.minimumTtl),
    echoMode: s.echoMode ?? false,
    passiveMode: s.passiveMode ?? false,
  };
}

export function bfdToObject(v: BFDFormValues, namespace: string, base?: BFDProfile): BFDProfile {
  const b = base?.spec;
  const flag = (now: boolean, before: boolean | undefined) => (now || before !== undefined ? now : undefined);
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'BFDProfile',
    metadata: formMetadata(v.name, namespace, base),
    spec: compact({
      ...b,
      receiveInterval: optionalInt(v.receiveInterval),
      transmitInterval: optionalInt(v.transmitInterval),
      detectMultiplier: optionalInt(v.detectMultiplier),
      echoInterval: optionalInt(v.echoInterval),
      minimumTtl: optionalInt(v.minimumTtl),
      echoMode: flag(v.echoMode, b?.echoMode),
      passiveMode: flag(v.passiveMode, b?.passiveMode),
    }),
  };
}
