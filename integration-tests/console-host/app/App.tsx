// The host's frame: masthead, the plugin's navigation, its pages, and at `/` what the host
// learned while loading the plugin (status, extensions, code references, share scope).
import { useEffect, useSyncExternalStore, type FC } from 'react';
import { BrowserRouter, Route, Routes, useNavigate } from 'react-router';
import {
  Alert,
  Bullseye,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  List,
  ListItem,
  Masthead,
  MastheadBrand,
  MastheadMain,
  Page,
  PageSection,
  PageSidebar,
  PageSidebarBody,
  Spinner,
  Title,
} from '@patternfly/react-core';
import type { LoadedExtension } from '@openshift/dynamic-plugin-sdk';
import { ModalHost } from '../../../frontend/sdk/modals';
import { HostNav } from './nav';
import { ExtensionPage, type PageDecl } from './pages';
import type { HostStateStore } from './plugins';
import type { ConsoleHostWindow } from './state';

export interface Runtime {
  extensions: LoadedExtension[];
  pages: PageDecl[];
}

const NavigateBridge: FC = () => {
  const navigate = useNavigate();
  useEffect(() => {
    const handle = (window as ConsoleHostWindow).__consoleHost;
    if (handle) handle.navigate = (path) => void navigate(path);
  }, [navigate]);
  return null;
};

const Status: FC<{ host: HostStateStore }> = ({ host }) => {
  const s = useSyncExternalStore(host.subscribe, host.get);
  const failedRefs = s.codeRefs.filter((r) => !r.ok);
  const facts: [string, string, string][] = [
    ['Plugin', s.plugin?.name ?? '-', 'plugin-name'],
    ['Status', s.plugin?.status ?? 'pending', 'plugin-status'],
    ['Extensions in the manifest', String(s.plugin?.manifestExtensions ?? '-'), 'manifest-extensions'],
    ['Extensions in use', String(s.extensionsInUse), 'extensions-in-use'],
    ['Feature flags', JSON.stringify(s.flags), 'flags'],
    [
      'Code references resolved',
      `${s.codeRefs.length - failedRefs.length} of ${s.codeRefs.length}`,
      'code-refs',
    ],
    ['Shared modules in scope', String(s.shared.length), 'shared'],
  ];
  return (
    <PageSection>
      <Title headingLevel="h1">Console test host</Title>
      {s.error && (
        <Alert variant="danger" isInline title="The host failed" data-test="host-error">
          {s.error}
        </Alert>
      )}
      {s.plugin?.errorMessage && (
        <Alert variant="danger" isInline title="The plugin failed to load" data-test="plugin-error">
          {s.plugin.errorMessage} {s.plugin.errorCause}
        </Alert>
      )}
      <DescriptionList isHorizontal data-test="host-status" data-phase={s.phase}>
        {facts.map(([term, value, id]) => (
          <DescriptionListGroup key={id}>
            <DescriptionListTerm>{term}</DescriptionListTerm>
            <DescriptionListDescription data-test={id}>{value}</DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>
      {failedRefs.length > 0 && (
        <List data-test="failed-code-refs">
          {failedRefs.map((r) => (
            <ListItem key={`${r.extension}:${r.property}`}>
              {r.extension} {r.property} ({r.ref}): {r.error}
            </ListItem>
          ))}
        </List>
      )}
    </PageSection>
  );
};

const NotFound: FC = () => (
  <EmptyState titleText="404: page not found" headingLevel="h1" data-test="not-found" />
);

export const App: FC<{ host: HostStateStore; runtime?: Runtime }> = ({ host, runtime }) => {
  const onError = (path: string, message: string) =>
    host.update({ renderErrors: [...host.state.renderErrors, { path, message }] });
  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand data-test="host-brand">Console test host</MastheadBrand>
      </MastheadMain>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>{runtime && <HostNav extensions={runtime.extensions} />}</PageSidebarBody>
    </PageSidebar>
  );
  return (
    <BrowserRouter>
      <NavigateBridge />
      <ModalHost />
      <Page masthead={masthead} sidebar={sidebar} isManagedSidebar>
        <div data-test="host-content">
          {runtime ? (
            <Routes>
              <Route path="/" element={<Status host={host} />} />
              {runtime.pages.map((d) => (
                <Route key={d.key} path={d.path} element={<ExtensionPage decl={d} onError={onError} />} />
              ))}
              <Route path="*" element={<NotFound />} />
            </Routes>
          ) : (
            <>
              <Status host={host} />
              {host.state.phase === 'loading' && (
                <Bullseye>
                  <Spinner aria-label="Loading plugins" />
                </Bullseye>
              )}
            </>
          )}
        </div>
      </Page>
    </BrowserRouter>
  );
};
