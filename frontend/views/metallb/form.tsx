// The MetalLB instance form.
import type { FC } from 'react';
import type { MetalLB } from '../../../api/types';
import { NameField } from '../../forms/common-fields';
import { SelectField, TextField } from '../../forms/fields';
import type { FieldsProps, FormSpec } from '../../forms/form-spec';
import { RoutedFormPage } from '../../forms/RoutedFormPage';
import { useMetalLBTranslation } from '../../i18n';
import { MetalLBModel } from '../../models';
import { emptyMetalLB, metallbFromObject, metallbToObject, type MetalLBFormValues } from './convert';
import { metallbTemplate } from './template';

const LOG_LEVELS = ['all', 'debug', 'info', 'warn', 'error', 'none'];
const BACKENDS = ['native', 'frr', 'frr-k8s', 'frr-k8s-external'];

const MetalLBFields: FC<FieldsProps<MetalLBFormValues>> = (props) => {
  const { values, set, messages } = props;
  const { t } = useMetalLBTranslation();
  return (
    <>
      <NameField {...props} isDisabled hint={t('The operator manages one instance, named metallb.')} />
      <SelectField
        id="spec.logLevel"
        label={t('Log level')}
        value={values.logLevel}
        options={[
          { value: '', label: t('Default (info)') },
          ...LOG_LEVELS.map((l) => ({ value: l, label: l })),
        ]}
        onChange={(v) => set({ logLevel: v as MetalLBFormValues['logLevel'] })}
        messages={messages('spec.logLevel')}
      />
      <SelectField
        id="spec.bgpBackend"
        label={t('BGP implementation')}
        value={values.bgpBackend}
        options={[{ value: '', label: t('Default') }, ...BACKENDS.map((b) => ({ value: b, label: b }))]}
        onChange={(v) => set({ bgpBackend: v as MetalLBFormValues['bgpBackend'] })}
        messages={messages('spec.bgpBackend')}
      />
      <TextField
        id="spec.loadBalancerClass"
        label={t('Load balancer class')}
        value={values.loadBalancerClass}
        onChange={(loadBalancerClass) => set({ loadBalancerClass })}
        hint={t(
          'Only Services with this spec.loadBalancerClass are handled (all without a class when empty).',
        )}
        messages={messages('spec.loadBalancerClass')}
      />
      <TextField
        id="spec.nodeSelector"
        label={t('Speaker node selector')}
        value={values.speakerNodeSelector}
        placeholder="node-role.kubernetes.io/worker="
        onChange={(speakerNodeSelector) => set({ speakerNodeSelector })}
        messages={messages('spec.nodeSelector')}
      />
    </>
  );
};

export const metallbFormSpec: FormSpec<MetalLBFormValues, MetalLB> = {
  model: MetalLBModel,
  empty: emptyMetalLB,
  fromObject: metallbFromObject,
  toObject: metallbToObject,
  fields: () => [
    ['metadata.name', 'name'],
    ['spec.logLevel', 'logLevel'],
    ['spec.bgpBackend', 'bgpBackend'],
    ['spec.loadBalancerClass', 'loadBalancerClass'],
    ['spec.nodeSelector', 'speakerNodeSelector'],
  ],
  Fields: MetalLBFields,
  yamlTemplate: metallbTemplate,
};

export const MetalLBFormPage: FC = () => <RoutedFormPage spec={metallbFormSpec} />;
