// Data the speaker pods mount: the memberlist key and the interfaces L2 must never announce on.
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import type { MetalLB } from '../../../api/types';
import type { OperatorEnv } from '../env';
import { ownedMeta } from './labels';
import {
  DEFAULT_EXCLUDED_L2_INTERFACES,
  EXCLUDEL2_FILE,
  MEMBERLIST_SECRET_KEY,
  NAMES,
} from '../../../api/operand';

/**
 * The memberlist Secret, only when the caller has a key (the existing one, or fresh random bytes
 * when none exists): generating here would make render impure and rotate the key on every call.
 */
export function memberlistSecret(cr: MetalLB, env: OperatorEnv): V1Secret | undefined {
  if (!env.memberlistSecretKey) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: ownedMeta(NAMES.memberlistSecret, 'speaker', cr, env),
    type: 'Opaque',
    data: { [MEMBERLIST_SECRET_KEY]: env.memberlistSecretKey },
  };
}

export function excludeL2ConfigMap(cr: MetalLB, env: OperatorEnv): V1ConfigMap {
  const lines = DEFAULT_EXCLUDED_L2_INTERFACES.map((re) => `- ${re}`).join('\n');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: ownedMeta(NAMES.excludeL2ConfigMap, 'speaker', cr, env),
    data: { [EXCLUDEL2_FILE]: `announcedInterfacesToExclude:\n${lines}\n` },
  };
}
