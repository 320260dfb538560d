// The messages under a form field: live ones from the validation core, or the server's refusal.
import type { FC } from 'react';
import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import { useMetalLBTranslation } from '../i18n';

export type MessageSource = 'live' | 'server';

export interface FieldMessages {
  source: MessageSource;
  messages: string[];
}

export const FieldMessageList: FC<{ id: string; value?: FieldMessages; hint?: string }> = ({
  id,
  value,
  hint,
}) => {
  const { t } = useMetalLBTranslation();
  if (!value?.messages.length && !hint) return null;
  return (
    <FormHelperText>
      <HelperText id={`${id}-helper`}>
        {value?.messages.length
          ? value.messages.map((m) => (
              <HelperTextItem key={m} variant="error" data-test="field-error" data-source={value.source}>
                {value.source === 'server' && <strong>{t('Refused by the API server:')} </strong>}
                {m}
              </HelperTextItem>
            ))
          : hint && <HelperTextItem>{hint}</HelperTextItem>}
      </HelperText>
    </FormHelperText>
  );
};
