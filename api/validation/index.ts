// The validation core's public surface.
export { validateConfig } from './validate-config';
export {
  validateAdmission,
  type AdmissionObject,
  type AdmissionOperation,
  type AdmissionOptions,
  type AdmissionResult,
} from './admission';
export { validateMetalLB, METALLB_INSTANCE_NAME } from './metallb-instance';
export { resetAdvertisementTransientFields, resetPeerTransientFields } from './transient-reset';
export type { BGPType, ConfigInput, LabeledObject, SecretInput, ValidateOptions } from './config-input';
export type { ObjectRef, ValidationIssue, ValidationResult } from './issues';
export { parseGoDuration } from './duration';
export { objectNameIssue } from './object-names';
export { TCP_MD5_MAX_KEY_BYTES } from './peers';
export { parseCommunity, type ParsedCommunity } from './community-literal';
export {
  anySelectorMatches,
  compileSelector,
  selectorMatches,
  type LabelMatcher,
  type Labels,
} from './label-selector';
