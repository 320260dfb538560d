// Every metallb.io CRD manifest, in dependency-free order (the order `npm run crds` prints them).
import { bfdProfileCRD } from './bfdprofile';
import { bgpAdvertisementCRD } from './bgpadvertisement';
import { bgpPeerCRD } from './bgppeer';
import { bgpSessionStateCRD } from './bgpsessionstate';
import { communityCRD } from './community';
import { configurationStateCRD } from './configurationstate';
import { ipAddressPoolCRD } from './ipaddresspool';
import { l2AdvertisementCRD } from './l2advertisement';
import { metalLBCRD } from './metallb';
import type { CustomResourceDefinition } from './schema-types';
import { serviceBGPStatusCRD } from './servicebgpstatus';
import { serviceL2StatusCRD } from './servicel2status';

export type { CustomResourceDefinition, JSONSchemaProps } from './schema-types';
export { CONVERSION_WEBHOOK_PATH, CONVERSION_WEBHOOK_SERVICE } from './bgppeer';

/** Fresh copies, so callers may patch them (e.g. the conversion webhook caBundle). */
export function allCRDs(): CustomResourceDefinition[] {
  return structuredClone([
    ipAddressPoolCRD,
    l2AdvertisementCRD,
    bgpAdvertisementCRD,
    communityCRD,
    bgpPeerCRD,
    bfdProfileCRD,
    serviceL2StatusCRD,
    serviceBGPStatusCRD,
    configurationStateCRD,
    bgpSessionStateCRD,
    metalLBCRD,
  ]);
}

/** The CRD of one kind, or undefined. */
export function crdForKind(kind: string): CustomResourceDefinition | undefined {
  return allCRDs().find((c) => c.spec.names.kind === kind);
}
