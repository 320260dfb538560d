// "Explain": why a Service has or lacks its IP, which pools were candidates, and per node whether
// it announces (and why not), from the backend's explanation (the controller's and the speakers'
// own code run on the live objects).
import { useState, type FC } from 'react';
import { Alert, Button, Label, List, ListItem, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { NodeVerdict, Reason, ServiceExplanation } from '../../../api/explain/types';
import { useBackendJSON } from '../../k8s/backend-api';
import { useMetalLBTranslation } from '../../i18n';
import { FIRST_ROWS, nodeRows } from './node-rows';
import { reasonText, type Translate } from './reason-text';

const Verdict: FC<{ ok: boolean; reason: Reason; t: Translate }> = ({ ok, reason, t }) => (
  <span data-test="explain-reason" data-code={reason.code}>
    <Label color={ok ? 'green' : 'grey'} isCompact>
      {ok ? '✓' : '✗'}
    </Label>{' '}
    {reasonText(reason, t)}
  </span>
);

const Protocols: FC<{ n: NodeVerdict; t: Translate; l2: boolean; bgp: boolean }> = ({ n, t, l2, bgp }) => (
  <>
    {l2 && <Td dataLabel="L2">{n.l2 ? <Verdict ok={n.l2.announces} reason={n.l2.reason} t={t} /> : '-'}</Td>}
    {bgp && (
      <Td dataLabel="BGP">
        {n.bgp ? (
          <>
            <Verdict ok={n.bgp.announces} reason={n.bgp.reason} t={t} />
            {n.bgp.peers.length > 0 && (
              <List isPlain>
                {n.bgp.peers.map((p) => (
                  <ListItem key={p.peer}>
                    <Verdict ok={p.sent} reason={p.reason} t={t} />
                    {p.session?.bgpState && ` (${p.session.bgpState})`}
                    {p.routes.map((r) => (
                      <div key={r.prefix} className="metallb-plugin__route">
                        <code>{r.prefix}</code>
                        {r.localPref !== undefined && ` localPref ${r.localPref}`}
                        {r.communities.length > 0 && ` ${r.communities.join(' ')}`}
                        {r.largeCommunities.length > 0 && ` ${r.largeCommunities.join(' ')}`}
                      </div>
                    ))}
                  </ListItem>
                ))}
              </List>
            )}
          </>
        ) : (
          '-'
        )}
      </Td>
    )}
  </>
);

export const ExplanationView: FC<{ e: ServiceExplanation }> = ({ e }) => {
  const { t } = useMetalLBTranslation();
  const tr: Translate = (k, p) => t(k, p);
  const ok = e.summary.code === 'allocated';
  const variant = ok ? 'success' : e.summary.code === 'pending' ? 'warning' : 'info';
  // A protocol's column only when some node has a verdict for it (an advertisement selects the pool).
  const l2 = e.nodes.some((n) => n.l2);
  const bgp = e.nodes.some((n) => n.bgp);
  const [allRows, setAllRows] = useState(false);
  return (
    <div data-test="explain-panel">
      <Alert variant={variant} isInline title={reasonText(e.summary, tr)} data-test="explain-summary" />
      {e.pools.length > 0 && (
        <>
          <Title headingLevel="h3" className="metallb-plugin__section">
            {t('Address pools')}
          </Title>
          <List isPlain data-test="explain-pools">
            {e.pools.map((p) => (
              <ListItem key={p.pool}>
                <Verdict ok={p.outcome === 'used'} reason={p.reason} t={tr} />
              </ListItem>
            ))}
          </List>
        </>
      )}
      {e.ingressIPs.length > 0 && (
        <p className="metallb-plugin__section" data-test="explain-advertisements">
          {t('Advertisements')}:{' '}
          {e.advertisements.length ? e.advertisements.map((a) => `${a.kind} ${a.name}`).join(', ') : '-'}
        </p>
      )}
      {(l2 || bgp) && (
        <Table variant="compact" aria-label={t('Nodes')} data-test="explain-nodes">
          <Thead>
            <Tr>
              <Th>{t('Node')}</Th>
              {l2 && <Th>{t('Layer 2')}</Th>}
              {bgp && <Th>{t('BGP')}</Th>}
            </Tr>
          </Thead>
          <Tbody>
            {nodeRows(e.nodes, allRows).map((n) => (
              <Tr key={n.node} data-test={`explain-node-${n.node}`}>
                <Td dataLabel={t('Node')} modifier="nowrap">
                  {n.node}
                </Td>
                <Protocols n={n} t={tr} l2={l2} bgp={bgp} />
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {(l2 || bgp) && !allRows && e.nodes.length > FIRST_ROWS && (
        <Button variant="link" isInline onClick={() => setAllRows(true)} data-test="explain-all-nodes">
          {t('Show all {{count}} nodes', { count: e.nodes.length })}
        </Button>
      )}
    </div>
  );
};

/** The panel for one Service: loads the explanation and refreshes it every 10 s. */
export const ExplainPanel: FC<{ namespace: string; name: string }> = ({ namespace, name }) => {
  const { t } = useMetalLBTranslation();
  const { data, error, loaded } = useBackendJSON<ServiceExplanation>(
    `/api/v1/explain/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
  );
  return (
    <section className="metallb-plugin__section">
      <Title headingLevel="h2">{t('Explain')}</Title>
      {!loaded && <p>{t('Loading')}</p>}
      {error !== undefined && (
        <Alert
          variant="danger"
          isInline
          title={t('Could not load the explanation: {{error}}', {
            error: String((error as Error).message ?? error),
          })}
        />
      )}
      {data && <ExplanationView e={data} />}
    </section>
  );
};
