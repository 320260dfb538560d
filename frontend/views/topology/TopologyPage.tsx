// The MetalLB topology: pools, advertisements, peers, BFD profiles, LoadBalancer Services and
// nodes as a graph, from the backend's /api/v1/topology; selecting an element opens its details.
import { useEffect, useMemo, useState, type FC } from 'react';
import {
  action,
  createTopologyControlButtons,
  DagreLayout,
  defaultControlButtonsOptions,
  SELECTION_EVENT,
  TopologyControlBar,
  TopologyView,
  Visualization,
  VisualizationProvider,
  VisualizationSurface,
} from '@patternfly/react-topology';
import { Alert, Button, Flex, FlexItem, PageSection, SearchInput, Title } from '@patternfly/react-core';
import { TimesIcon } from '@patternfly/react-icons';
import type { TopologyGraph } from '../../../api/topology/types';
import { useMetalLBTranslation } from '../../i18n';
import { useBackendJSON } from '../../k8s/backend-api';
import { componentFactory } from './elements';
import { GRAPH_LAYOUT, toTopologyModel } from './model';
import { SidePanel } from './SidePanel';
import { edgeLabel, summaryText } from './texts';

function createController(): Visualization {
  const c = new Visualization();
  c.registerLayoutFactory(
    (_type, graph) => new DagreLayout(graph, { rankdir: 'LR', nodesep: 25, ranksep: 110, edgesep: 10 }),
  );
  c.registerComponentFactory(componentFactory);
  c.setFitToScreenOnLayout(true, 60);
  c.fromModel({ graph: { id: 'metallb-topology', type: 'graph', layout: GRAPH_LAYOUT } }, false);
  return c;
}

export const TopologyPage: FC = () => {
  const { t } = useMetalLBTranslation();
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string>();
  const query = filter ? `?filter=${encodeURIComponent(filter)}` : '';
  const graph = useBackendJSON<TopologyGraph>(`/api/v1/topology${query}`, 10_000);
  const controller = useMemo(createController, []);

  useEffect(() => {
    const onSelect = (ids: string[]) => setSelected(ids[0]);
    controller.addEventListener(SELECTION_EVENT, onSelect);
    return () => {
      controller.removeEventListener(SELECTION_EVENT, onSelect);
    };
  }, [controller]);

  useEffect(() => {
    if (graph.data)
      controller.fromModel(
        toTopologyModel(graph.data, {
          edge: (type) => edgeLabel(t, type),
          nodeGroup: (count) => t('{{count}} nodes', { count }),
        }),
        true,
      );
  }, [controller, graph.data, t]);

  const selectedNode = graph.data?.nodes.find((n) => n.id === selected);
  const panelOpen = selectedNode !== undefined;
  useEffect(() => {
    // Opening or closing the side panel resizes the canvas: fit the graph again once it has.
    const timer = setTimeout(
      action(() => controller.getGraph().fit(60)),
      150,
    );
    return () => clearTimeout(timer);
  }, [controller, panelOpen]);
  const buttons = createTopologyControlButtons({
    ...defaultControlButtonsOptions,
    zoomInCallback: action(() => controller.getGraph().scaleBy(4 / 3)),
    zoomOutCallback: action(() => controller.getGraph().scaleBy(0.75)),
    fitToScreenCallback: action(() => controller.getGraph().fit(60)),
    resetViewCallback: action(() => {
      controller.getGraph().reset();
      controller.getGraph().layout();
    }),
    legend: false,
  });

  return (
    <>
      <PageSection>
        <Title headingLevel="h1" data-test="page-title">
          {t('MetalLB topology')}
        </Title>
        <Flex className="metallb-plugin__legend" spaceItems={{ default: 'spaceItemsLg' }}>
          <FlexItem>
            {t(
              'Legend: hexagon = pool, rectangle = advertisement, octagon = BGP peer, diamond = BFD profile, ellipse = Service, trapezoid = node.',
            )}
          </FlexItem>
          <FlexItem>
            {t(
              'Red: session down, missing reference or pool exhausted. Orange: nearly exhausted or pending.',
            )}
          </FlexItem>
        </Flex>
      </PageSection>
      {graph.error != null && (
        <Alert
          variant="danger"
          isInline
          title={t('Could not load: {{message}}', { message: (graph.error as Error).message })}
        />
      )}
      <div className="metallb-plugin__topology" data-test="topology">
        <div className="metallb-plugin__topology-graph">
          <VisualizationProvider controller={controller}>
            <TopologyView
              controlBar={<TopologyControlBar controlButtons={buttons} />}
              viewToolbar={
                <Flex alignItems={{ default: 'alignItemsCenter' }} spaceItems={{ default: 'spaceItemsMd' }}>
                  <FlexItem>
                    <SearchInput
                      placeholder={t('Find a Service')}
                      value={filter}
                      onChange={(_e, v) => setFilter(v)}
                      onClear={() => setFilter('')}
                      aria-label={t('Find a Service')}
                    />
                  </FlexItem>
                  <FlexItem data-test="topology-summary">{graph.data && summaryText(t, graph.data)}</FlexItem>
                </Flex>
              }
            >
              <VisualizationSurface state={{ selectedIds: selected ? [selected] : [] }} />
            </TopologyView>
          </VisualizationProvider>
        </div>
        {selectedNode && (
          <aside className="metallb-plugin__topology-panel">
            <Button
              variant="plain"
              aria-label={t('Close')}
              onClick={() => setSelected(undefined)}
              icon={<TimesIcon />}
              className="metallb-plugin__topology-close"
            />
            <SidePanel node={selectedNode} />
          </aside>
        )}
      </div>
    </>
  );
};
