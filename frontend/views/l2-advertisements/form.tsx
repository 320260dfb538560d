// The L2Advertisement form.
import type { FC } from 'react';
import type { L2Advertisement } from '../../../api/types';
import { ListField, SelectorField, TextField } from '../../forms/fields';
import type { FieldsProps, FormSpec } from '../../forms/form-spec';
import { RoutedFormPage } from '../../forms/RoutedFormPage';
import { useMetalLBTranslation } from '../../i18n';
import { L2AdvertisementModel } from '../../models';
import { emptyL2, l2FromObject, l2ToObject, type L2FormValues } from './convert';
import { l2Template } from './template';

const L2Fields: FC<FieldsProps<L2FormValues>> = ({ values, set, messages, isEdit, config }) => {
  const { t } = useMetalLBTranslation();
  const pools = (config.ipAddressPools ?? []).map((p) => p.metadata.name).join(', ');
  return (
    <>
      <TextField
        id="metadata.name"
        label={t('Name')}
        required
        value={values.name}
        onChange={(name) => set({ name })}
        isDisabled={isEdit}
        messages={messages('metadata.name')}
      />
      <ListField
        id="spec.ipAddressPools"
        label={t('IP address pools')}
        values={values.ipAddressPools}
        onChange={(ipAddressPools) => set({ ipAddressPools })}
        hint={t('Leave empty (and no selector) to advertise every pool. Existing pools: {{pools}}', {
          pools: pools || '-',
        })}
        itemMessages={(i) => messages(`spec.ipAddressPools[${i}]`)}
        messages={messages('spec.ipAddressPools')}
        addLabel={t('Add pool')}
      />
      <SelectorField
        id="spec.ipAddressPoolSelectors"
        label={t('Pool selector')}
        value={values.poolSelector}
        onChange={(poolSelector) => set({ poolSelector })}
        messages={messages('spec.ipAddressPoolSelectors')}
        hint={t('Pools with these labels are advertised too.')}
      />
      <ListField
        id="spec.interfaces"
        label={t('Interfaces')}
        values={values.interfaces}
        onChange={(interfaces) => set({ interfaces })}
        hint={t('Announce only on these node interfaces (all when empty).')}
        itemMessages={(i) => messages(`spec.interfaces[${i}]`)}
        messages={messages('spec.interfaces')}
        addLabel={t('Add interface')}
      />
      <SelectorField
        id="spec.nodeSelectors"
        label={t('Node selector')}
        value={values.nodeSelector}
        onChange={(nodeSelector) => set({ nodeSelector })}
        messages={messages('spec.nodeSelectors')}
        hint={t('Only nodes with these labels announce (all when empty).')}
      />
    </>
  );
};

export const l2FormSpec: FormSpec<L2FormValues, L2Advertisement> = {
  model: L2AdvertisementModel,
  empty: emptyL2,
  fromObject: l2FromObject,
  toObject: l2ToObject,
  fields: (v) => [
    ['metadata.name', 'name'],
    ['spec.ipAddressPools', 'ipAddressPools'],
    ...v.ipAddressPools.map((_, i): [string, 'ipAddressPools'] => [
      `spec.ipAddressPools[${i}]`,
      'ipAddressPools',
    ]),
    ['spec.ipAddressPoolSelectors', 'poolSelector'],
    ['spec.interfaces', 'interfaces'],
    ...v.interfaces.map((_, i): [string, 'interfaces'] => [`spec.interfaces[${i}]`, 'interfaces']),
    ['spec.nodeSelectors', 'nodeSelector'],
  ],
  Fields: L2Fields,
  yamlTemplate: l2Template,
};

export const L2FormPage: FC = () => <RoutedFormPage spec={l2FormSpec} />;
