// The L2Advertisement form.
import type { FC } from 'react';
import type { L2Advertisement } from '../../../api/types';
import {
  AdvertisedPoolsFields,
  advertisedPoolsPaths,
  listFieldPaths,
  listMessages,
  NameField,
  NodeSelectorField,
} from '../../forms/common-fields';
import { ListField } from '../../forms/fields';
import type { FieldsProps, FormSpec } from '../../forms/form-spec';
import { RoutedFormPage } from '../../forms/RoutedFormPage';
import { useMetalLBTranslation } from '../../i18n';
import { L2AdvertisementModel } from '../../models';
import { emptyL2, l2FromObject, l2ToObject, type L2FormValues } from './convert';
import { l2Template } from './template';

const L2Fields: FC<FieldsProps<L2FormValues>> = (props) => {
  const { values, set, messages } = props;
  const { t } = useMetalLBTranslation();
  return (
    <>
      <NameField {...props} />
      <AdvertisedPoolsFields {...props} />
      <ListField
        id="spec.interfaces"
        label={t('Interfaces')}
        values={values.interfaces}
        onChange={(interfaces) => set({ interfaces })}
        hint={t('Announce only on these node interfaces (all when empty).')}
        {...listMessages(messages, 'spec.interfaces')}
        addLabel={t('Add interface')}
      />
      <NodeSelectorField {...props} hint={t('Only nodes with these labels announce (all when empty).')} />
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
    ...advertisedPoolsPaths(v),
    ...listFieldPaths('spec.interfaces', 'interfaces', v.interfaces),
    ['spec.nodeSelectors', 'nodeSelector'],
  ],
  Fields: L2Fields,
  yamlTemplate: l2Template,
};

export const L2FormPage: FC = () => <RoutedFormPage spec={l2FormSpec} />;
