// The Community form.
import type { FC } from 'react';
import type { Community } from '../../../api/types';
import { listFieldPaths, listMessages, NameField } from '../../forms/common-fields';
import { ListField } from '../../forms/fields';
import type { FieldsProps, FormSpec } from '../../forms/form-spec';
import { RoutedFormPage } from '../../forms/RoutedFormPage';
import { useMetalLBTranslation } from '../../i18n';
import { CommunityModel } from '../../models';
import { communityFromObject, communityToObject, emptyCommunity, type CommunityFormValues } from './convert';
import { communityTemplate } from './template';

const CommunityFields: FC<FieldsProps<CommunityFormValues>> = (props) => {
  const { values, set, messages } = props;
  const { t } = useMetalLBTranslation();
  return (
    <>
      <NameField {...props} />
      <ListField
        id="spec.communities"
        label={t('Aliases')}
        values={values.entries}
        onChange={(entries) => set({ entries })}
        placeholder="NO_ADVERTISE=65535:65282"
        hint={t('One alias=value per entry; values like 65535:65282 or large:1:2:3.')}
        {...listMessages(messages, 'spec.communities')}
        addLabel={t('Add alias')}
      />
    </>
  );
};

export const communityFormSpec: FormSpec<CommunityFormValues, Community> = {
  model: CommunityModel,
  empty: emptyCommunity,
  fromObject: communityFromObject,
  toObject: communityToObject,
  fields: (v) => [['metadata.name', 'name'], ...listFieldPaths('spec.communities', 'entries', v.entries)],
  Fields: CommunityFields,
  yamlTemplate: communityTemplate,
};

export const CommunityFormPage: FC = () => <RoutedFormPage spec={communityFormSpec} />;
