// What a kind's form declares: its values, their conversion to and from the object, the fields
// it shows (for placing messages) and the inputs.
import type { FC } from 'react';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import type { ObjectMeta } from '../../api/types';
import type { ConfigInput } from '../../api/validation';
import type { FieldMessages } from './messages';

export interface FormObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
}

export interface FieldsProps<V> {
  values: V;
  set: (patch: Partial<V>) => void;
  /** Messages for a field path, if it should show any now. */
  messages: (field: string) => FieldMessages | undefined;
  isEdit: boolean;
  /** The namespace's current objects (for pickers). */
  config: ConfigInput;
}

export interface FormSpec<V, O extends FormObject> {
  model: K8sModel;
  empty(): V;
  fromObject(obj: O): V;
  /** The object for these values; `base` carries what the form does not edit. */
  toObject(values: V, namespace: string, base?: O): O;
  /** Every field path the inputs show messages for, with the value it is edited through. */
  fields(values: V): [path: string, key: keyof V & string][];
  Fields: FC<FieldsProps<V>>;
  yamlTemplate: string;
}
