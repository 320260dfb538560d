// The MetalLB overview: health, configuration validity, pool utilisation, BGP sessions and
// Layer 2 owners, on one page.
import type { FC } from 'react';
import { Card, CardBody, CardTitle, Grid, GridItem, PageSection, Title } from '@patternfly/react-core';
import type { BGPSessionState } from '../../../api/types';
import { SessionsTable } from '../../components/SessionsTable';
import { useMetalLBTranslation } from '../../i18n';
import { useWatchList } from '../../k8s/watch';
import { BGPSessionStateModel, METALLB_NAMESPACE } from '../../models';
import { HealthCard } from './HealthCard';
import { L2OwnersCard } from './L2OwnersCard';
import { PoolUsageCard } from './PoolUsageCard';

export const OverviewPage: FC = () => {
  const { t } = useMetalLBTranslation();
  const sessions = useWatchList<BGPSessionState>(BGPSessionStateModel, METALLB_NAMESPACE);
  return (
    <>
      <PageSection>
        <Title headingLevel="h1" data-test="page-title">
          {t('MetalLB overview')}
        </Title>
      </PageSection>
      <PageSection>
        <Grid hasGutter>
          {/* Side by side only on wide screens: at 1440 px the condition and usage tables wrapped. */}
          <GridItem xl2={6}>
            <HealthCard />
          </GridItem>
          <GridItem xl2={6}>
            <PoolUsageCard />
          </GridItem>
          <GridItem>
            <Card data-test="bgp-sessions">
              <CardTitle>{t('BGP sessions')}</CardTitle>
              <CardBody>
                <SessionsTable sessions={sessions.data} />
              </CardBody>
            </Card>
          </GridItem>
          <GridItem>
            <L2OwnersCard />
          </GridItem>
        </Grid>
      </PageSection>
    </>
  );
};
