// The drawn elements of the MetalLB topology: nodes with a kind badge and status colour, edges
// dashed when in trouble, with their relation as a tag.
import type { FC } from 'react';
import {
  DefaultEdge,
  DefaultNode,
  EdgeTerminalType,
  GraphComponent,
  ModelKind,
  observer,
  withPanZoom,
  withSelection,
  type ComponentFactory,
  type Edge,
  type GraphElement,
  type Node,
  type WithSelectionProps,
} from '@patternfly/react-topology';
import { EDGE_TYPE, NODE_TYPE, type TopologyEdgeData, type TopologyNodeData } from './model';

const MetalLBNode: FC<{ element: GraphElement } & WithSelectionProps> = observer(({ element, ...rest }) => {
  const node = element as Node;
  const data = node.getData() as TopologyNodeData;
  return (
    <g data-test={`topology-node-${data.graphNode.id}`} data-status={data.graphNode.status}>
      <DefaultNode element={node} badge={data.badge} showStatusDecorator truncateLength={20} {...rest} />
    </g>
  );
});

const MetalLBEdge: FC<{ element: GraphElement }> = observer(({ element }) => {
  const edge = element as Edge;
  const data = edge.getData() as TopologyEdgeData;
  const danger = data.graphEdge.status === 'danger';
  return (
    <DefaultEdge
      element={edge}
      edgeStyle={edge.getEdgeStyle()}
      endTerminalType={EdgeTerminalType.directional}
      {...(data.tag ? { tag: data.tag } : {})}
      {...(danger ? { tagStatus: 'danger' as never, endTerminalStatus: 'danger' as never } : {})}
      className={danger ? 'metallb-plugin__edge--danger' : undefined}
    />
  );
});

export const componentFactory: ComponentFactory = (kind, type) => {
  if (kind === ModelKind.graph) return withPanZoom()(GraphComponent);
  if (kind === ModelKind.node && type === NODE_TYPE) return withSelection()(MetalLBNode);
  if (kind === ModelKind.edge && type === EDGE_TYPE) return MetalLBEdge;
  return undefined;
};
