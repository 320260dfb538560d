// The details page of an object: its facts, and its YAML in a second tab (URL `.../yaml`).
import { Suspense, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import {
  Breadcrumb,
  BreadcrumbItem,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Label,
  LabelGroup,
  PageSection,
  Tab,
  Tabs,
  TabTitleText,
  Title,
} from '@patternfly/react-core';
import {
  ResourceYAMLEditor,
  type K8sModel,
  type K8sResourceCommon,
  type K8sResourceKind,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMetalLBTranslation } from '../i18n';
import { detailsPath, listPath, METALLB_NAMESPACE } from '../models';
import { useWatchObject } from '../k8s/watch';
import { ActionsMenu } from './ActionsMenu';
import { StatusBox } from './StatusBox';

export interface Fact {
  label: string;
  value: ReactNode;
}

export const Facts = ({ facts, testId }: { facts: Fact[]; testId?: string }) => (
  <DescriptionList isHorizontal data-test={testId}>
    {facts.map((f) => (
      <DescriptionListGroup key={f.label}>
        <DescriptionListTerm>{f.label}</DescriptionListTerm>
        <DescriptionListDescription>{f.value ?? '-'}</DescriptionListDescription>
      </DescriptionListGroup>
    ))}
  </DescriptionList>
);

export const LabelList = ({ labels }: { labels?: Record<string, string> }) =>
  labels && Object.keys(labels).length ? (
    <LabelGroup numLabels={10}>
      {Object.entries(labels).map(([k, v]) => (
        <Label key={k} isCompact>
          {v ? `${k}=${v}` : k}
        </Label>
      ))}
    </LabelGroup>
  ) : (
    <>-</>
  );

export interface DetailsPageProps<T> {
  model: K8sModel;
  name: string;
  namespace?: string;
  facts: (obj: T) => Fact[];
  /** More sections under the facts (status tables). */
  extra?: (obj: T) => ReactNode;
}

export function DetailsPage<T extends K8sResourceCommon>({
  model,
  name,
  namespace = METALLB_NAMESPACE,
  facts,
  extra,
}: DetailsPageProps<T>) {
  const { t } = useMetalLBTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const obj = useWatchObject<T>(model, name, namespace);
  const base = detailsPath(model, name, namespace);
  const tab = location.pathname.endsWith('/yaml') ? 'yaml' : 'details';
  return (
    <>
      <PageSection>
        <Breadcrumb>
          <BreadcrumbItem>
            <Link to={listPath(model, namespace)}>{model.labelPlural}</Link>
          </BreadcrumbItem>
          <BreadcrumbItem isActive>{t('{{kind}} details', { kind: model.kind })}</BreadcrumbItem>
        </Breadcrumb>
        <Flex
          justifyContent={{ default: 'justifyContentSpaceBetween' }}
          alignItems={{ default: 'alignItemsCenter' }}
        >
          <FlexItem>
            <Title headingLevel="h1" data-test="page-title">
              <span className="metallb-plugin__kind-badge">{model.abbr}</span> {name}
            </Title>
          </FlexItem>
          <FlexItem>{obj.data && <ActionsMenu model={model} obj={obj.data} variant="button" />}</FlexItem>
        </Flex>
      </PageSection>
      <PageSection>
        <Tabs
          activeKey={tab}
          onSelect={(_e, k) => navigate(k === 'yaml' ? `${base}/yaml` : base)}
          aria-label={t('Details tabs')}
        >
          <Tab
            eventKey="details"
            title={<TabTitleText>{t('Details')}</TabTitleText>}
            data-test="tab-details"
          />
          <Tab eventKey="yaml" title={<TabTitleText>{t('YAML')}</TabTitleText>} data-test="tab-yaml" />
        </Tabs>
        <div className="metallb-plugin__tab-body">
          <StatusBox loaded={obj.loaded} error={obj.error}>
            {obj.data &&
              (tab === 'yaml' ? (
                <div className="metallb-plugin__yaml">
                  <Suspense fallback={null}>
                    <ResourceYAMLEditor initialResource={obj.data as K8sResourceKind} />
                  </Suspense>
                </div>
              ) : (
                <>
                  <Title headingLevel="h2">{t('{{kind}} details', { kind: model.kind })}</Title>
                  <Facts
                    testId="details"
                    facts={[
                      { label: t('Name'), value: obj.data.metadata?.name },
                      { label: t('Namespace'), value: obj.data.metadata?.namespace },
                      { label: t('Labels'), value: <LabelList labels={obj.data.metadata?.labels} /> },
                      ...facts(obj.data),
                      { label: t('Created'), value: obj.data.metadata?.creationTimestamp },
                    ]}
                  />
                  {extra?.(obj.data)}
                </>
              ))}
          </StatusBox>
        </div>
      </PageSection>
    </>
  );
}
