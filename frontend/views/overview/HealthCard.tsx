// MetalLB instance health (its conditions) and configuration validity (ConfigurationState).
import type { FC } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, CardBody, CardTitle, Title } from '@patternfly/react-core';
import type { ConfigurationState, MetalLB } from '../../../api/types';
import { Conditions } from '../../components/Conditions';
import { useMetalLBTranslation } from '../../i18n';
import { useWatchList } from '../../k8s/watch';
import { ConfigurationStateModel, createFormPath, METALLB_NAMESPACE, MetalLBModel } from '../../models';

export const HealthCard: FC = () => {
  const { t } = useMetalLBTranslation();
  const instances = useWatchList<MetalLB>(MetalLBModel, METALLB_NAMESPACE);
  const states = useWatchList<ConfigurationState>(ConfigurationStateModel, METALLB_NAMESPACE);
  const instance = instances.data[0];
  const invalid = states.data.filter((s) => s.status?.result === 'Invalid');
  return (
    <Card data-test="health">
      <CardTitle>{t('Health')}</CardTitle>
      <CardBody>
        <Title headingLevel="h3">{t('MetalLB instance')}</Title>
        {instances.loaded && !instance ? (
          <Alert
            variant="info"
            isInline
            title={t('No MetalLB instance exists; the operator deploys nothing until one is created.')}
          >
            <Link to={createFormPath(MetalLBModel)}>
              <Button variant="link" isInline>
                {t('Create MetalLB')}
              </Button>
            </Link>
          </Alert>
        ) : (
          <Conditions conditions={instance?.status?.conditions} testId="metallb-conditions" />
        )}
        <Title headingLevel="h3" className="metallb-plugin__subtitle">
          {t('Configuration')}
        </Title>
        {states.data.length === 0 ? (
          <p>{t('The controller has not reported on the configuration yet.')}</p>
        ) : invalid.length ? (
          invalid.map((s) => (
            <Alert
              key={s.metadata.name}
              variant="danger"
              isInline
              title={t('Configuration is invalid ({{name}})', { name: s.metadata.name })}
              data-test="config-invalid"
            >
              {s.status?.errorSummary}
            </Alert>
          ))
        ) : (
          <Alert variant="success" isInline title={t('Configuration is valid')} data-test="config-valid" />
        )}
      </CardBody>
    </Card>
  );
};
