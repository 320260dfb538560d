// The IPAddressPool form.
import type { FC } from 'react';
import { listFieldPaths, listMessages, NameField } from '../../forms/common-fields';
import { TextField, CheckboxField, ListField } from '../../forms/fields';
import type { FieldsProps, FormSpec } from '../../forms/form-spec';
import { RoutedFormPage } from '../../forms/RoutedFormPage';
import { useMetalLBTranslation } from '../../i18n';
import { IPAddressPoolModel } from '../../models';
import type { IPAddressPool } from '../../../api/types';
import { emptyPool, poolFromObject, poolToObject, type PoolFormValues } from './convert';
import { poolTemplate } from './template';

const PoolFields: FC<FieldsProps<PoolFormValues>> = (props) => {
  const { values, set, messages } = props;
  const { t } = useMetalLBTranslation();
  return (
    <>
      <NameField {...props} />
      <ListField
        id="spec.addresses"
        label={t('Addresses')}
        required
        values={values.addresses}
        onChange={(addresses) => set({ addresses })}
        placeholder="192.168.10.0/24"
        hint={t('CIDRs (192.168.10.0/24) or ranges (192.168.10.10-192.168.10.20), IPv4 or IPv6.')}
        {...listMessages(messages, 'spec.addresses')}
        addLabel={t('Add address')}
      />
      <CheckboxField
        id="spec.autoAssign"
        label={t('Assign automatically')}
        description={t('Services get addresses from this pool without asking for it.')}
        checked={values.autoAssign}
        onChange={(autoAssign) => set({ autoAssign })}
        messages={messages('spec.autoAssign')}
      />
      <CheckboxField
        id="spec.avoidBuggyIPs"
        label={t('Avoid buggy IPs')}
        description={t('Skip addresses ending in .0 and .255.')}
        checked={values.avoidBuggyIPs}
        onChange={(avoidBuggyIPs) => set({ avoidBuggyIPs })}
        messages={messages('spec.avoidBuggyIPs')}
      />
      <TextField
        id="spec.serviceAllocation.priority"
        label={t('Priority')}
        value={values.priority}
        onChange={(priority) => set({ priority })}
        hint={t('Lower numbers are preferred when several pools match a Service.')}
        messages={messages('spec.serviceAllocation.priority')}
      />
      <ListField
        id="spec.serviceAllocation.namespaces"
        label={t('Only for namespaces')}
        values={values.namespaces}
        onChange={(namespaces) => set({ namespaces })}
        {...listMessages(messages, 'spec.serviceAllocation.namespaces')}
        addLabel={t('Add namespace')}
      />
    </>
  );
};

export const poolFormSpec: FormSpec<PoolFormValues, IPAddressPool> = {
  model: IPAddressPoolModel,
  empty: emptyPool,
  fromObject: poolFromObject,
  toObject: poolToObject,
  fields: (v) => [
    ['metadata.name', 'name'],
    ...listFieldPaths('spec.addresses', 'addresses', v.addresses),
    ['spec.autoAssign', 'autoAssign'],
    ['spec.avoidBuggyIPs', 'avoidBuggyIPs'],
    ['spec.serviceAllocation.priority', 'priority'],
    ...listFieldPaths('spec.serviceAllocation.namespaces', 'namespaces', v.namespaces),
  ],
  Fields: PoolFields,
  yamlTemplate: poolTemplate,
};

export const PoolFormPage: FC = () => <RoutedFormPage spec={poolFormSpec} />;
