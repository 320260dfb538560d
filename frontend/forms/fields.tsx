// Form inputs bound to one field path each, showing that field's messages.
import type { FC, ReactNode } from 'react';
import { Button, Checkbox, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { useMetalLBTranslation } from '../i18n';
import { FieldMessageList, type FieldMessages } from './messages';

interface Common {
  /** The field's JSON path in the object (e.g. `spec.addresses`), also its DOM id. */
  id: string;
  label: string;
  messages?: FieldMessages;
  hint?: string;
  required?: boolean;
}

const domId = (id: string) => id.replace(/[^\w-]/g, '-');

export const TextField: FC<
  Common & {
    value: string;
    onChange: (v: string) => void;
    placeholder?: string;
    isDisabled?: boolean;
    type?: 'text' | 'password';
  }
> = ({ id, label, messages, hint, required, value, onChange, placeholder, isDisabled, type = 'text' }) => (
  <FormGroup label={label} isRequired={required} fieldId={domId(id)}>
    <TextInput
      id={domId(id)}
      data-test={id}
      value={value}
      type={type}
      isDisabled={isDisabled}
      placeholder={placeholder}
      validated={messages?.messages.length ? 'error' : 'default'}
      onChange={(_e, v) => onChange(v)}
    />
    <FieldMessageList id={domId(id)} value={messages} hint={hint} />
  </FormGroup>
);

export const CheckboxField: FC<
  Common & { checked: boolean; onChange: (v: boolean) => void; description?: ReactNode }
> = ({ id, label, messages, checked, onChange, description }) => (
  <FormGroup fieldId={domId(id)}>
    <Checkbox
      id={domId(id)}
      data-test={id}
      label={label}
      isChecked={checked}
      description={description}
      onChange={(_e, v) => onChange(v)}
    />
    <FieldMessageList id={domId(id)} value={messages} />
  </FormGroup>
);

export const SelectField: FC<
  Common & { value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }
> = ({ id, label, messages, hint, value, options, onChange }) => (
  <FormGroup label={label} fieldId={domId(id)}>
    <FormSelect
      id={domId(id)}
      data-test={id}
      value={value}
      onChange={(_e, v) => onChange(v)}
      aria-label={label}
    >
      {options.map((o) => (
        <FormSelectOption key={o.value} value={o.value} label={o.label} />
      ))}
    </FormSelect>
    <FieldMessageList id={domId(id)} value={messages} hint={hint} />
  </FormGroup>
);

/** A list of strings (addresses, pool names, interfaces), one input per entry. */
export const ListField: FC<
  Common & {
    values: string[];
    onChange: (v: string[]) => void;
    placeholder?: string;
    /** Messages of entry i, under its input. */
    itemMessages?: (i: number) => FieldMessages | undefined;
    addLabel: string;
  }
> = ({ id, label, messages, hint, required, values, onChange, placeholder, itemMessages, addLabel }) => {
  const { t } = useMetalLBTranslation();
  const rows = values.length ? values : [''];
  return (
    <FormGroup label={label} isRequired={required} fieldId={`${domId(id)}-0`}>
      {rows.map((v, i) => (
        <div key={i} className="metallb-plugin__list-row">
          <div className="metallb-plugin__list-input">
            <TextInput
              id={`${domId(id)}-${i}`}
              data-test={`${id}[${i}]`}
              value={v}
              placeholder={placeholder}
              validated={itemMessages?.(i)?.messages.length ? 'error' : 'default'}
              onChange={(_e, nv) => onChange(rows.map((x, j) => (j === i ? nv : x)))}
              aria-label={`${label} ${i + 1}`}
            />
            <FieldMessageList id={`${domId(id)}-${i}`} value={itemMessages?.(i)} />
          </div>
          <Button
            variant="plain"
            aria-label={t('Remove')}
            isDisabled={rows.length === 1 && !v}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            icon={<MinusCircleIcon />}
          />
        </div>
      ))}
      <Button
        variant="link"
        icon={<PlusCircleIcon />}
        onClick={() => onChange([...rows, ''])}
        data-test={`${id}-add`}
      >
        {addLabel}
      </Button>
      <FieldMessageList id={domId(id)} value={messages} hint={hint} />
    </FormGroup>
  );
};

/** One matchLabels selector as `key=value` text; disabled when the stored selectors are richer. */
export const SelectorField: FC<
  Common & {
    value: { text: string; editable: boolean };
    onChange: (v: { text: string; editable: boolean }) => void;
  }
> = ({ id, label, messages, hint, value, onChange }) => {
  const { t } = useMetalLBTranslation();
  return (
    <TextField
      id={id}
      label={label}
      value={value.text}
      isDisabled={!value.editable}
      placeholder="key=value, key2=value2"
      onChange={(text) => onChange({ text, editable: true })}
      {...(messages ? { messages } : {})}
      hint={value.editable ? hint : t('These selectors can be edited in the YAML view.')}
    />
  );
};
