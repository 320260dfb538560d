// The BFDProfile form.
import type { FC } from 'react';
import type { BFDProfile } from '../../../api/types';
import { NameField } from '../../forms/common-fields';
import { CheckboxField, TextField } from '../../forms/fields';
import type { FieldsProps, FormSpec } from '../../forms/form-spec';
import { RoutedFormPage } from '../../forms/RoutedFormPage';
import { useMetalLBTranslation } from '../../i18n';
import { BFDProfileModel } from '../../models';
import { bfdFromObject, bfdToObject, emptyBFD, type BFDFormValues } from './convert';
import { bfdTemplate } from './template';

type NumberKey = 'receiveInterval' | 'transmitInterval' | 'detectMultiplier' | 'echoInterval' | 'minimumTtl';

const BFDFields: FC<FieldsProps<BFDFormValues>> = (props) => {
  const { values, set, messages } = props;
  const { t } = useMetalLBTranslation();
  const num = (key: NumberKey, label: string, placeholder: string, hint: string) => (
    <TextField
      id={`spec.${key}`}
      label={label}
      value={values[key]}
      placeholder={placeholder}
      hint={hint}
      onChange={(v) => set({ [key]: v } as Partial<BFDFormValues>)}
      messages={messages(`spec.${key}`)}
    />
  );
  return (
    <>
      <NameField {...props} />
      {num('receiveInterval', t('Receive interval (ms)'), '300', t('10 to 60000 milliseconds.'))}
      {num('transmitInterval', t('Transmit interval (ms)'), '300', t('10 to 60000 milliseconds.'))}
      {num(
        'detectMultiplier',
        t('Detect multiplier'),
        '3',
        t('2 to 255 missed packets before the session is down.'),
      )}
      {num('echoInterval', t('Echo interval (ms)'), '50', t('10 to 60000 milliseconds.'))}
      {num('minimumTtl', t('Minimum TTL'), '254', t('1 to 254, for multi-hop sessions.'))}
      <CheckboxField
        id="spec.echoMode"
        label={t('Echo mode')}
        checked={values.echoMode}
        onChange={(echoMode) => set({ echoMode })}
        messages={messages('spec.echoMode')}
      />
      <CheckboxField
        id="spec.passiveMode"
        label={t('Passive mode')}
        checked={values.passiveMode}
        onChange={(passiveMode) => set({ passiveMode })}
        messages={messages('spec.passiveMode')}
      />
    </>
  );
};

export const bfdFormSpec: FormSpec<BFDFormValues, BFDProfile> = {
  model: BFDProfileModel,
  empty: emptyBFD,
  fromObject: bfdFromObject,
  toObject: bfdToObject,
  fields: () => [
    ['metadata.name', 'name'],
    ['spec.receiveInterval', 'receiveInterval'],
    ['spec.transmitInterval', 'transmitInterval'],
    ['spec.detectMultiplier', 'detectMultiplier'],
    ['spec.echoInterval', 'echoInterval'],
    ['spec.minimumTtl', 'minimumTtl'],
    ['spec.echoMode', 'echoMode'],
    ['spec.passiveMode', 'passiveMode'],
  ],
  Fields: BFDFields,
  yamlTemplate: bfdTemplate,
};

export const BFDFormPage: FC = () => <RoutedFormPage spec={bfdFormSpec} />;
