// A minimal Node page for the standalone host (ResourceLinks to nodes land here).
import type { FC } from 'react';
import { useParams } from 'react-router';
import { PageSection, Title } from '@patternfly/react-core';
import { Facts, LabelList } from '../components/DetailsPage';
import { StatusBox } from '../components/StatusBox';
import { useMetalLBTranslation } from '../i18n';
import { useWatchObject } from '../k8s/watch';
import { NodeModel } from '../models';

interface NodeObject {
  metadata: { name?: string; labels?: Record<string, string> };
  status?: { addresses?: { type: string; address: string }[] };
}

export const NodePage: FC = () => {
  const { t } = useMetalLBTranslation();
  const { name = '' } = useParams();
  const node = useWatchObject<NodeObject>(NodeModel, name);
  return (
    <PageSection>
      <Title headingLevel="h1" data-test="page-title">
        <span className="metallb-plugin__kind-badge">N</span> {name}
      </Title>
      <StatusBox loaded={node.loaded} error={node.error}>
        {node.data && (
          <Facts
            facts={[
              {
                label: t('Addresses'),
                value: (node.data.status?.addresses ?? []).map((a) => a.address).join(', '),
              },
              { label: t('Labels'), value: <LabelList labels={node.data.metadata.labels} /> },
            ]}
          />
        )}
      </StatusBox>
    </PageSection>
  );
};
