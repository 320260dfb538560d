// The standalone login: a Kubernetes bearer token, kept for this browser session only.
import { useState, type FC } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  PageSection,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { setToken } from '../sdk/auth';
import { useMetalLBTranslation } from '../i18n';

export const Login: FC<{ onLogin: () => Promise<boolean> }> = ({ onLogin }) => {
  const { t } = useMetalLBTranslation();
  const [token, setTokenText] = useState('');
  const [failed, setFailed] = useState(false);
  return (
    <PageSection className="metallb-host__login">
      <Title headingLevel="h1">{t('Log in to MetalLB')}</Title>
      <p>
        {t(
          'Paste a Kubernetes bearer token (for example from kubectl create token). The UI acts with its permissions.',
        )}
      </p>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          setToken(token.trim());
          void onLogin().then((ok) => {
            if (!ok) {
              setToken(undefined);
              setFailed(true);
            }
          });
        }}
      >
        <FormGroup label={t('Bearer token')} fieldId="metallb-token" isRequired>
          <TextInput
            id="metallb-token"
            type="password"
            value={token}
            onChange={(_e, v) => setTokenText(v)}
            data-test="login-token"
          />
        </FormGroup>
        {failed && <Alert variant="danger" isInline title={t('The API server did not accept this token.')} />}
        <ActionGroup>
          <Button type="submit" variant="primary" isDisabled={!token.trim()} data-test="login-submit">
            {t('Log in')}
          </Button>
        </ActionGroup>
      </Form>
    </PageSection>
  );
};
