// "Preview changes": before a form or the YAML is saved, the backend says whether the webhook
// would accept it and which Services would get other IPs, another pool, another announcing node
// or other BGP routes; a Service losing the IPs it holds now is flagged.
import { useState, type FC } from 'react';
import { Alert, Button, Label, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import type { PreviewResult, ServiceState } from '../../../api/explain/types';
import { BACKEND_PROXY } from '../../k8s/backend-api';
import { useMetalLBTranslation } from '../../i18n';

export type PreviewInput = { object: unknown } | { yaml: string };

const State: FC<{ s: ServiceState }> = ({ s }) => {
  const { t } = useMetalLBTranslation();
  const more = (s.bgpRoutesTotal ?? s.bgpRoutes.length) - s.bgpRoutes.length;
  return (
    <>
      <div>
        {s.ingressIPs.join(', ') || '-'}
        {s.pool ? ` (${s.pool})` : ''}
      </div>
      {s.l2Nodes.length > 0 && <div>L2: {s.l2Nodes.join(', ')}</div>}
      {s.bgpRoutes.map((r) => (
        <div key={r}>
          <code>{r}</code>
        </div>
      ))}
      {more > 0 && (
        <div data-test="preview-more-routes">{t('and {{count}} more routes', { count: more })}</div>
      )}
    </>
  );
};

export const PreviewResultView: FC<{ result: PreviewResult }> = ({ result }) => {
  const { t } = useMetalLBTranslation();
  if (!result.allowed) {
    return (
      <Alert
        variant="danger"
        isInline
        title={t('The webhook would refuse this change')}
        data-test="preview-refused"
      >
        {result.errors.map((e) => (
          <p key={e.message}>{e.message}</p>
        ))}
      </Alert>
    );
  }
  if (result.changes.length === 0) {
    return <Alert variant="success" isInline title={t('No Service would change')} data-test="preview-none" />;
  }
  return (
    <Table variant="compact" aria-label={t('Services that would change')} data-test="preview-changes">
      <Thead>
        <Tr>
          <Th>{t('Service')}</Th>
          <Th>{t('Before')}</Th>
          <Th>{t('After')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {result.changes.map((c) => (
          <Tr key={`${c.service.namespace}/${c.service.name}`} data-test="preview-change">
            <Td dataLabel={t('Service')}>
              {c.service.namespace}/{c.service.name}{' '}
              {c.losesIPs && (
                <Label color="red" isCompact data-test="preview-loses-ips">
                  {t('Loses its IPs')}
                </Label>
              )}
            </Td>
            <Td dataLabel={t('Before')}>
              <State s={c.before} />
            </Td>
            <Td dataLabel={t('After')}>
              <State s={c.after} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/** The button and, once pressed, the preview of `input` (asked again on every press). */
export const PreviewChanges: FC<{ input: () => PreviewInput }> = ({ input }) => {
  const { t } = useMetalLBTranslation();
  const [result, setResult] = useState<PreviewResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult((await consoleFetchJSON.post(`${BACKEND_PROXY}/api/v1/preview`, input())) as PreviewResult);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="metallb-plugin__section" data-test="preview">
      <Button variant="secondary" onClick={() => void run()} isLoading={busy} data-test="preview-button">
        {t('Preview changes')}
      </Button>
      {error && <Alert variant="danger" isInline title={t('Could not preview: {{error}}', { error })} />}
      {result && (
        <>
          <Title headingLevel="h3" className="metallb-plugin__section">
            {t('What this change does')}
          </Title>
          <PreviewResultView result={result} />
        </>
      )}
    </div>
  );
};
