// The speaker's ConfigurationState, `speaker-<node>`: whether this speaker could load the current
// configuration (validateConfig: hard errors and dangling references both make it Invalid), with
// upstream's labels and condition type. The writer is the controller's, given the speaker identity.
import { validateConfig, type ConfigInput, type ValidateOptions } from '../../api/validation';
import type { KubeClient } from '../../backend/k8s/kube-client';
import {
  ConfigurationStateWriter,
  type ConfigurationStateIdentity,
} from '../../backend/controller/configuration-state';
import { COMPONENT_TYPE_LABEL, NODE_NAME_LABEL, SPEAKER_FIELD_MANAGER } from './labels';

export const SPEAKER_CONDITION_TYPE = 'configReconcilerValid';

export function speakerConfigurationStateName(node: string): string {
  return `speaker-${node}`;
}

export function speakerConfigurationStateIdentity(node: string): ConfigurationStateIdentity {
  return {
    name: speakerConfigurationStateName(node),
    labels: { [COMPONENT_TYPE_LABEL]: 'speaker', [NODE_NAME_LABEL]: node },
    conditionType: SPEAKER_CONDITION_TYPE,
    fieldManager: SPEAKER_FIELD_MANAGER,
  };
}

/** The messages that make the speaker's configuration Invalid (empty: Valid). */
export function speakerConfigErrors(cfg: ConfigInput, opts: ValidateOptions): string[] {
  const result = validateConfig(cfg, opts);
  return [...result.errors, ...result.transient].map((i) => i.message);
}

/** The writer of `speaker-<node>`: call write(speakerConfigErrors(...)) after each config change. */
export function speakerConfigurationStateWriter(
  client: KubeClient,
  namespace: string,
  node: string,
): ConfigurationStateWriter {
  return new ConfigurationStateWriter(client, namespace, speakerConfigurationStateIdentity(node));
}
