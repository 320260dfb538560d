// The operator's pure core: render the operand, plan the changes, compute the conditions.
export type { OperatorEnv } from './env';
export type { OperandObject, LiveObject, ObjectRef } from './operand';
export { identity } from './operand';
export { render, RenderError, RENDERED_HASH_ANNOTATION, NAMES, PORTS, ENV } from './render/index';
export { OPERAND_SELECTOR } from './render/labels';
export { MANAGED_KINDS, type ManagedKind } from './render/kinds';
export { planChanges, needsApply, isSubset, isOurs, type ChangePlan } from './diff';
export {
  computeConditions,
  CONDITION_TYPES,
  REASONS,
  DEFAULT_PROGRESS_DEADLINE_SECONDS,
  type ObservedState,
} from './conditions';
export { unsupportedInstance, SUPPORTED_INSTANCE_NAME } from './instance';
export { installModeProblem, type OperatorGroupLike } from './install-mode';
