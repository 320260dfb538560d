// Routes of the standalone host, from console-extensions.json, rendering each page with the
// props the console passes (namespace, name, kind).
import { Suspense, type FC } from 'react';
import { Navigate, Route, Routes, useParams } from 'react-router';
import { Bullseye, EmptyState, Spinner } from '@patternfly/react-core';
import extensions from '../../console-extensions.json';
import { useMetalLBTranslation } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';
import { navigation, routes, type ExtensionDecl, type RouteDecl } from './extensions';
import { exposedComponent } from './modules';
import { NodePage } from './NodePage';
import { ServicePage } from './ServicePage';

const EXTS = extensions as ExtensionDecl[];
const ROUTES = routes(EXTS);
const HOME = navigation(EXTS)[0]?.items[0]?.href ?? '/';

const ExtensionPage: FC<{ decl: RouteDecl }> = ({ decl }) => {
  const { t } = useMetalLBTranslation();
  const { ns, name } = useParams();
  const C = exposedComponent(decl.module, decl.export);
  const props: Record<string, unknown> =
    decl.kind === 'list'
      ? { namespace: ns, kind: decl.reference }
      : decl.kind === 'details'
        ? { namespace: ns, name, kind: decl.reference }
        : {};
  return (
    <ErrorBoundary title={t('This page failed')} key={`${decl.path}:${ns}:${name}`}>
      <Suspense
        fallback={
          <Bullseye>
            <Spinner aria-label={t('Loading')} />
          </Bullseye>
        }
      >
        <C {...props} />
      </Suspense>
    </ErrorBoundary>
  );
};

const NotFound: FC = () => {
  const { t } = useMetalLBTranslation();
  return <EmptyState titleText={t('Page not found')} headingLevel="h1" />;
};

export const AppRoutes: FC = () => (
  <Routes>
    <Route path="/" element={<Navigate to={HOME} replace />} />
    {ROUTES.filter((r) => r.kind !== 'tab').map((r) => (
      <Route key={`${r.kind}:${r.path}`} path={r.path} element={<ExtensionPage decl={r} />} />
    ))}
    <Route
      path="/k8s/ns/:ns/services/:name/*"
      element={<ServicePage tabs={ROUTES.filter((r) => r.kind === 'tab' && r.reference === 'Service')} />}
    />
    <Route path="/k8s/cluster/nodes/:name/*" element={<NodePage />} />
    <Route path="*" element={<NotFound />} />
  </Routes>
);
