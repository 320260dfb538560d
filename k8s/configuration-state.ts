// A component's ConfigurationState: whether the current configuration loaded, with the errors if
// not. The controller's is named `controller`; each speaker writes `speaker-<node>` with the same
// writer, given its identity. Written with server-side apply on the status subresource.
import { METALLB_KINDS, resourcePath } from '../api/kinds';
import { CONFIGURATION_STATE, FIELD_MANAGERS, STATUS_LABELS } from '../api/operand';
import type { Condition, ConfigurationState, ConfigurationStateStatus } from '../api/types';
import type { ApiClient } from './api-client';

/** Which ConfigurationState a component writes: its name, labels and condition type. */
export interface ConfigurationStateIdentity {
  name: string;
  labels: Record<string, string>;
  conditionType: string;
  fieldManager: string;
}

export const CONTROLLER_CONFIGURATION_STATE: ConfigurationStateIdentity = {
  name: CONFIGURATION_STATE.controllerName,
  labels: { [STATUS_LABELS.componentType]: 'controller' },
  conditionType: CONFIGURATION_STATE.controllerCondition,
  fieldManager: FIELD_MANAGERS.controller,
};

/** The status for a load result; keeps the previous transition time while the status holds. */
export function configurationStateStatus(
  errors: readonly string[],
  previous: readonly Condition[] | undefined,
  now = new Date(),
  conditionType: string = CONFIGURATION_STATE.controllerCondition,
): ConfigurationStateStatus {
  const valid = errors.length === 0;
  const status = valid ? 'True' : 'False';
  const before = previous?.find((c) => c.type === conditionType);
  const condition: Condition = {
    type: conditionType,
    status,
    reason: valid ? 'Reconciled' : 'ConfigurationError',
    message: valid ? '' : errors.join('; '),
    lastTransitionTime:
      before && before.status === status
        ? before.lastTransitionTime
        : now.toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  return valid
    ? { result: 'Valid', errorSummary: '', conditions: [condition] }
    : { result: 'Invalid', errorSummary: errors.join('\n'), conditions: [condition] };
}

export class ConfigurationStateWriter {
  private written: string | undefined;
  private conditions: Condition[] | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly namespace: string,
    private readonly identity: ConfigurationStateIdentity = CONTROLLER_CONFIGURATION_STATE,
  ) {}

  /** Whether the object's status is what this replica last wrote (then nothing needs rewriting). */
  isCurrent(status: ConfigurationStateStatus | undefined): boolean {
    if (this.written === undefined || !status) return false;
    const w = JSON.parse(this.written) as ConfigurationStateStatus;
    const fields = ['type', 'status', 'reason', 'message', 'lastTransitionTime'] as const;
    const same = (a: Condition[] = [], b: Condition[] = []) =>
      a.length === b.length && a.every((c, i) => fields.every((f) => c[f] === b[i]![f]));
    return (
      w.result === status.result &&
      (w.errorSummary ?? '') === (status.errorSummary ?? '') &&
      same(w.conditions, status.conditions)
    );
  }

  /** Forget what was written (another replica may have written since). */
  reset(): void {
    this.written = undefined;
    this.conditions = undefined;
  }

  async write(errors: readonly string[]): Promise<void> {
    if (this.conditions === undefined) this.conditions = await this.readConditions();
    const status = configurationStateStatus(errors, this.conditions, new Date(), this.identity.conditionType);
    const text = JSON.stringify(status);
    if (text === this.written) return;
    const body: ConfigurationState = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'ConfigurationState',
      metadata: {
        name: this.identity.name,
        namespace: this.namespace,
        labels: { ...this.identity.labels },
      },
      spec: {},
    };
    const manager = { fieldManager: this.identity.fieldManager };
    // The object first (apply creates it), then its status: the status subresource cannot create.
    if (this.written === undefined) await this.client.apply(body, manager);
    await this.client.apply({ ...body, status }, { ...manager, subresource: 'status' });
    this.written = text;
    this.conditions = status.conditions;
  }

  private async readConditions(): Promise<Condition[]> {
    const path = resourcePath(METALLB_KINDS.ConfigurationState, {
      namespace: this.namespace,
      name: this.identity.name,
    });
    const cs = await this.client.find<ConfigurationState>(path);
    return cs?.status?.conditions ?? [];
  }
}
