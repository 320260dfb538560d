// The operator supports exactly one MetalLB object: `metallb` in the operator's own namespace
// (the seed: "the Operator supports only a single instance of the custom resource").
import type { MetalLB } from '../../api/types';

export const SUPPORTED_INSTANCE_NAME = 'metallb';

/** Why this object is not the supported instance, or undefined when it is. */
export function unsupportedInstance(
  cr: Pick<MetalLB, 'metadata'>,
  operatorNamespace: string,
): string | undefined {
  const { name, namespace } = cr.metadata;
  if (name === SUPPORTED_INSTANCE_NAME && namespace === operatorNamespace) return undefined;
  return (
    `only a single MetalLB instance is supported: it must be named "${SUPPORTED_INSTANCE_NAME}" in namespace ` +
    `"${operatorNamespace}"; "${name ?? ''}" in "${namespace ?? ''}" is ignored`
  );
}
