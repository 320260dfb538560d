// Inputs several kinds' forms share (the name, the advertised pools, a node selector), and the
// field paths of list inputs, whose entries carry messages of their own.
import { useMetalLBTranslation } from '../i18n';
import { ListField, SelectorField, TextField } from './fields';
import type { AdvertisedPoolsValues } from './advertised-pools';
import type { FieldsProps } from './form-spec';
import type { SelectorValue } from './selector-field';

type Messages = FieldsProps<unknown>['messages'];

/** The path of entry i of the list at `path`. */
const itemPath = (path: string, i: number) => `${path}[${i}]`;

/** A list input's paths for `FormSpec.fields`: the list, then each entry, all edited through `key`. */
export function listFieldPaths<K extends string>(
  path: string,
  key: K,
  items: readonly unknown[],
): [string, K][] {
  return [[path, key], ...items.map((_, i): [string, K] => [itemPath(path, i), key])];
}

/** The `messages` and `itemMessages` of the ListField at `path`. */
export function listMessages(messages: Messages, path: string) {
  return { messages: messages(path), itemMessages: (i: number) => messages(itemPath(path, i)) };
}

/** metadata.name: required, and fixed once the object exists (always, with `isDisabled`). */
export function NameField<V extends { name: string }>({
  values,
  set,
  messages,
  isEdit,
  isDisabled = isEdit,
  hint,
}: FieldsProps<V> & { isDisabled?: boolean; hint?: string }) {
  const { t } = useMetalLBTranslation();
  return (
    <TextField
      id="metadata.name"
      label={t('Name')}
      required
      value={values.name}
      onChange={(name) => set({ name } as Partial<V>)}
      isDisabled={isDisabled}
      hint={hint}
      messages={messages('metadata.name')}
    />
  );
}

/** The pools an advertisement announces: by name (the existing ones listed) and by selector. */
export function AdvertisedPoolsFields<V extends AdvertisedPoolsValues>({
  values,
  set,
  messages,
  config,
}: FieldsProps<V>) {
  const { t } = useMetalLBTranslation();
  const pools = (config.ipAddressPools ?? []).map((p) => p.metadata.name).join(', ');
  return (
    <>
      <ListField
        id="spec.ipAddressPools"
        label={t('IP address pools')}
        values={values.ipAddressPools}
        onChange={(ipAddressPools) => set({ ipAddressPools } as Partial<V>)}
        hint={t('Leave empty (and no selector) to advertise every pool. Existing pools: {{pools}}', {
          pools: pools || '-',
        })}
        {...listMessages(messages, 'spec.ipAddressPools')}
        addLabel={t('Add pool')}
      />
      <SelectorField
        id="spec.ipAddressPoolSelectors"
        label={t('Pool selector')}
        value={values.poolSelector}
        onChange={(poolSelector) => set({ poolSelector } as Partial<V>)}
        messages={messages('spec.ipAddressPoolSelectors')}
        hint={t('Pools with these labels are advertised too.')}
      />
    </>
  );
}

/** The paths AdvertisedPoolsFields shows messages for. */
export const advertisedPoolsPaths = (v: AdvertisedPoolsValues): [string, keyof AdvertisedPoolsValues][] => [
  ...listFieldPaths('spec.ipAddressPools', 'ipAddressPools', v.ipAddressPools),
  ['spec.ipAddressPoolSelectors', 'poolSelector'],
];

/** spec.nodeSelectors, with what the selection means for this kind as the hint. */
export function NodeSelectorField<V extends { nodeSelector: SelectorValue }>({
  values,
  set,
  messages,
  hint,
}: FieldsProps<V> & { hint: string }) {
  const { t } = useMetalLBTranslation();
  return (
    <SelectorField
      id="spec.nodeSelectors"
      label={t('Node selector')}
      value={values.nodeSelector}
      onChange={(nodeSelector) => set({ nodeSelector } as Partial<V>)}
      messages={messages('spec.nodeSelectors')}
      hint={hint}
    />
  );
}
