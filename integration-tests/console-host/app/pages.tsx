// The plugin's pages as the console mounts them: `console.page/route` at its path(s),
// `console.page/resource/list` at `/k8s/ns/:ns/<ref>` and `/k8s/all-namespaces/<ref>` with
// `namespace` and `kind`, `console.page/resource/details` at `/k8s/ns/:ns/<ref>/:name` with
// `namespace`, `name`, `kind` and `kindObj`. Each page renders inside an error boundary.
import { Component, lazy, Suspense, type ComponentType, type FC, type ReactNode } from 'react';
import { useLocation, useParams } from 'react-router';
import { Alert, Bullseye, PageSection, Spinner } from '@patternfly/react-core';
import type { CodeRef, LoadedExtension } from '@openshift/dynamic-plugin-sdk';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { referenceFor } from './models';
import type { ModelRef } from './plugins';

export type PageKind = 'route' | 'list' | 'details';

export interface PageDecl {
  key: string;
  kind: PageKind;
  path: string;
  component: CodeRef;
  /** list/details: the `group~version~kind` reference and the discovered model. */
  reference?: string;
  model?: K8sModel;
}

type AnyComponent = ComponentType<Record<string, unknown>>;
const lazyComponents = new WeakMap<CodeRef, AnyComponent>();

/** A lazy component for a code reference, created once per reference. */
function componentFor(ref: CodeRef): AnyComponent {
  let c = lazyComponents.get(ref);
  if (!c) {
    c = lazy(async () => ({ default: (await ref()) as AnyComponent }));
    lazyComponents.set(ref, c);
  }
  return c;
}

export function pageDecls(extensions: LoadedExtension[], models: Map<string, K8sModel>): PageDecl[] {
  const out: PageDecl[] = [];
  for (const ext of extensions) {
    const p = ext.properties as { path?: string | string[]; model?: ModelRef; component?: CodeRef };
    if (!p.component) continue;
    if (ext.type === 'console.page/route') {
      for (const path of Array.isArray(p.path) ? p.path : [p.path ?? '/']) {
        out.push({ key: `${ext.uid}:${path}`, kind: 'route', path, component: p.component });
      }
    } else if (ext.type === 'console.page/resource/list' || ext.type === 'console.page/resource/details') {
      const reference = referenceFor(p.model!);
      const model = models.get(reference);
      if (!model) continue;
      const kind: PageKind = ext.type === 'console.page/resource/list' ? 'list' : 'details';
      const paths =
        kind === 'list'
          ? model.namespaced
            ? [`/k8s/ns/:ns/${reference}`, `/k8s/all-namespaces/${reference}`]
            : [`/k8s/cluster/${reference}`]
          : [model.namespaced ? `/k8s/ns/:ns/${reference}/:name/*` : `/k8s/cluster/${reference}/:name/*`];
      for (const path of paths)
        out.push({ key: `${ext.uid}:${path}`, kind, path, component: p.component, reference, model });
    }
  }
  return out;
}

interface BoundaryProps {
  path: string;
  onError: (path: string, message: string) => void;
  children: ReactNode;
}

class PageErrorBoundary extends Component<BoundaryProps, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    this.props.onError(this.props.path, error.message);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <PageSection>
        <Alert variant="danger" isInline title="This page failed" data-test="page-error">
          {this.state.error.message}
        </Alert>
      </PageSection>
    );
  }
}

export const ExtensionPage: FC<{
  decl: PageDecl;
  onError: (path: string, message: string) => void;
}> = ({ decl, onError }) => {
  const { ns, name } = useParams();
  const { pathname } = useLocation();
  const C = componentFor(decl.component);
  const props: Record<string, unknown> =
    decl.kind === 'list'
      ? { namespace: ns, kind: decl.reference }
      : decl.kind === 'details'
        ? { namespace: ns, name, kind: decl.reference, kindObj: decl.model }
        : {};
  return (
    <PageErrorBoundary key={pathname} path={pathname} onError={onError}>
      <Suspense
        fallback={
          <Bullseye>
            <Spinner aria-label="Loading page" />
          </Bullseye>
        }
      >
        <C {...props} />
      </Suspense>
    </PageErrorBoundary>
  );
};
