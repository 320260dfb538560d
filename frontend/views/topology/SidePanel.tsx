// Details of the selected topology element, with a link to its page.
import type { FC } from 'react';
import { Label, List, ListItem, Title } from '@patternfly/react-core';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import type { GraphNode } from '../../../api/topology/types';
import { Facts } from '../../components/DetailsPage';
import { useMetalLBTranslation } from '../../i18n';
import {
  BFDProfileModel,
  BGPAdvertisementModel,
  BGPPeerModel,
  gvkOf,
  IPAddressPoolModel,
  L2AdvertisementModel,
  METALLB_NAMESPACE,
  NodeModel,
  ServiceModel,
} from '../../models';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { factLabel, kindLabel, problemText } from './texts';
import { ExplainPanel } from '../explain/ExplainPanel';

const MODEL: Partial<Record<GraphNode['kind'], K8sModel>> = {
  IPAddressPool: IPAddressPoolModel,
  L2Advertisement: L2AdvertisementModel,
  BGPAdvertisement: BGPAdvertisementModel,
  BGPPeer: BGPPeerModel,
  BFDProfile: BFDProfileModel,
  Service: ServiceModel,
  Node: NodeModel,
  ServiceGroup: IPAddressPoolModel,
};

export const SidePanel: FC<{ node: GraphNode }> = ({ node }) => {
  const { t } = useMetalLBTranslation();
  const model = MODEL[node.kind];
  const namespace =
    node.kind === 'Service' ? node.namespace : node.kind === 'Node' ? undefined : METALLB_NAMESPACE;
  const color = node.status === 'danger' ? 'red' : node.status === 'warning' ? 'orange' : 'green';
  return (
    <div className="metallb-plugin__side-panel" data-test="topology-side-panel">
      <Title headingLevel="h2">
        {node.kind === 'ServiceGroup'
          ? t('{{count}} Services from pool {{name}}', { count: node.count ?? 0, name: node.name || '-' })
          : node.kind === 'NodeGroup'
            ? t('{{count}} nodes', { count: node.count ?? 0 })
            : node.name}
      </Title>
      <p>
        {kindLabel(t, node.kind)}{' '}
        <Label color={color} isCompact>
          {node.status === 'ok' ? t('OK') : node.status === 'warning' ? t('Warning') : t('Problem')}
        </Label>
      </p>
      {node.kind === 'NodeGroup' && (
        <p data-test="topology-group-hint">
          {t('Too many nodes to draw one by one. Search a Service to draw the nodes announcing it.')}
        </p>
      )}
      {node.kind === 'ServiceGroup' && (
        <p data-test="topology-group-hint">{t('Search a Service to draw it on its own.')}</p>
      )}
      {node.problems.length > 0 && (
        <List data-test="topology-problems">
          {node.problems.map((p, i) => (
            <ListItem key={i}>{problemText(t, p)}</ListItem>
          ))}
        </List>
      )}
      <Facts
        facts={Object.entries(node.facts).map(([k, v]) => ({ label: factLabel(t, k), value: v }))}
        testId="topology-facts"
      />
      {model && !node.missing && (node.kind !== 'ServiceGroup' || node.name) && (
        <p className="metallb-plugin__section">
          {t('Open')}:{' '}
          <ResourceLink
            groupVersionKind={gvkOf(model)}
            name={node.name}
            {...(namespace ? { namespace } : {})}
            dataTest="topology-link"
          />
        </p>
      )}
      {node.kind === 'Service' && !node.missing && node.namespace && (
        <ExplainPanel namespace={node.namespace} name={node.name} />
      )}
    </div>
  );
};
