// The speaker's ConfigurationState, `speaker-<node>`: whether this speaker could load the current
// configuration (validateConfig: hard errors and dangling references both make it Invalid), with
// upstream's labels and condition type. The writer is the controller's, given the speaker identity.
import { validateConfig, type ConfigInput, type ValidateOptions } from '../../api/validation';
import { CONFIGURATION_STATE, FIELD_MANAGERS, STATUS_LABELS } from '../../api/operand';
import type { ApiClient } from '../../k8s/api-client';
import { ConfigurationStateWriter, type ConfigurationStateIdentity } from '../../k8s/configuration-state';

export function speakerConfigurationStateIdentity(node: string): ConfigurationStateIdentity {
  return {
    name: CONFIGURATION_STATE.speakerName(node),
    labels: { [STATUS_LABELS.componentType]: 'speaker', [STATUS_LABELS.nodeName]: node },
    conditionType: CONFIGURATION_STATE.speakerCondition,
    fieldManager: FIELD_MANAGERS.speaker,
  };
}

/** The messages that make the speaker's configuration Invalid (empty: Valid). */
export function speakerConfigErrors(cfg: ConfigInput, opts: ValidateOptions): string[] {
  const result = validateConfig(cfg, opts);
  return [...result.errors, ...result.transient].map((i) => i.message);
}

/** The writer of `speaker-<node>`: call write(speakerConfigErrors(...)) after each config change. */
export function speakerConfigurationStateWriter(
  client: ApiClient,
  namespace: string,
  node: string,
): ConfigurationStateWriter {
  return new ConfigurationStateWriter(client, namespace, speakerConfigurationStateIdentity(node));
}
