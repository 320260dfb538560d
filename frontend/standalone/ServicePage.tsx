// A small Service page for the standalone host, so the console.tab/horizontalNav extensions on
// Service (the MetalLB tab) have a page to live on: details, YAML, then the extension tabs.
import { Suspense, type FC } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  Breadcrumb,
  BreadcrumbItem,
  PageSection,
  Spinner,
  Tab,
  Tabs,
  TabTitleText,
  Title,
} from '@patternfly/react-core';
import { ResourceYAMLEditor, type K8sResourceKind } from '@openshift-console/dynamic-plugin-sdk';
import type { ServiceLike } from '../../api/pool-usage';
import { Facts } from '../components/DetailsPage';
import { StatusBox } from '../components/StatusBox';
import { useMetalLBTranslation } from '../i18n';
import { useWatchObject } from '../k8s/watch';
import { ServiceModel } from '../models';
import type { RouteDecl } from './extensions';
import { exposedComponent } from './modules';

interface ServiceObject extends ServiceLike {
  spec?: ServiceLike['spec'] & {
    clusterIP?: string;
    ports?: { port: number; protocol?: string; name?: string }[];
  };
}

export const ServicePage: FC<{ tabs: RouteDecl[] }> = ({ tabs }) => {
  const { t } = useMetalLBTranslation();
  const { ns = '', name = '', '*': rest = '' } = useParams();
  const navigate = useNavigate();
  const svc = useWatchObject<ServiceObject>(ServiceModel, name, ns);
  const base = `/k8s/ns/${ns}/services/${name}`;
  const active = rest.split('/')[0] || 'details';
  return (
    <>
      <PageSection>
        <Breadcrumb>
          <BreadcrumbItem>{ns}</BreadcrumbItem>
          <BreadcrumbItem isActive>{t('Service details')}</BreadcrumbItem>
        </Breadcrumb>
        <Title headingLevel="h1" data-test="page-title">
          <span className="metallb-plugin__kind-badge">S</span> {name}
        </Title>
      </PageSection>
      <PageSection>
        <Tabs
          activeKey={active}
          onSelect={(_e, k) => navigate(k === 'details' ? base : `${base}/${k}`)}
          aria-label={t('Service tabs')}
        >
          {[
            <Tab key="details" eventKey="details" title={<TabTitleText>{t('Details')}</TabTitleText>} />,
            <Tab key="yaml" eventKey="yaml" title={<TabTitleText>{t('YAML')}</TabTitleText>} />,
            ...tabs.map((tab) => (
              <Tab
                key={tab.tab!.href}
                eventKey={tab.tab!.href}
                title={<TabTitleText>{t(tab.tab!.label)}</TabTitleText>}
                data-test={`tab-${tab.tab!.href}`}
              />
            )),
          ]}
        </Tabs>
        <StatusBox loaded={svc.loaded} error={svc.error}>
          {svc.data && active === 'details' && (
            <Facts
              facts={[
                { label: t('Type'), value: svc.data.spec?.type },
                { label: t('Cluster IP'), value: svc.data.spec?.clusterIP },
                {
                  label: t('Ports'),
                  value: (svc.data.spec?.ports ?? [])
                    .map((p) => `${p.port}/${p.protocol ?? 'TCP'}`)
                    .join(', '),
                },
              ]}
            />
          )}
          {svc.data && active === 'yaml' && (
            <ResourceYAMLEditor initialResource={svc.data as K8sResourceKind} />
          )}
          {svc.data &&
            tabs
              .filter((tab) => tab.tab!.href === active)
              .map((tab) => {
                const C = exposedComponent(tab.module, tab.export);
                return (
                  <Suspense key={tab.tab!.href} fallback={<Spinner />}>
                    <C obj={svc.data} />
                  </Suspense>
                );
              })}
        </StatusBox>
      </PageSection>
    </>
  );
};
