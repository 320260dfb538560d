// ActionServiceProvider for our hosts: the actions that `console.action/resource-provider`
// extensions give for a context's `group~version~kind`. A host registers its providers (the
// standalone host from console-extensions.json, the PluginStore test host from the loaded plugin);
// each provider is a hook, loaded once, then called on every render like the console does.
import { useEffect, useState, type FC, type ReactNode } from 'react';
import type {
  Action,
  ActionServiceProvider as SDKActionServiceProvider,
  K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';

export type ResourceActionsHook = (resource: K8sResourceCommon) => [Action[], boolean, unknown];

export interface ResourceActionProviderEntry {
  /** `group~version~kind` of the model it contributes to. */
  reference: string;
  load: () => Promise<ResourceActionsHook>;
}

const registry: ResourceActionProviderEntry[] = [];

/** Called by a host before it renders pages. */
export function registerResourceActionProviders(entries: readonly ResourceActionProviderEntry[]): void {
  registry.push(...entries);
}

type Service = { actions: Action[]; options: []; loaded: boolean; error: unknown };

const RunHooks: FC<{
  hooks: ResourceActionsHook[];
  resource: K8sResourceCommon;
  children: (s: Service) => ReactNode;
}> = ({ hooks, resource, children }) => {
  const actions: Action[] = [];
  let loaded = true;
  let error: unknown;
  // The list of hooks is fixed for this component's life (it is keyed by the context's model).
  for (const hook of hooks) {
    const [a, l, e] = hook(resource);
    actions.push(...a);
    loaded &&= l;
    error ??= e;
  }
  return <>{children({ actions, options: [], loaded, error })}</>;
};

const Resolved: FC<{
  reference: string;
  resource: K8sResourceCommon;
  children: (s: Service) => ReactNode;
}> = ({ reference, resource, children }) => {
  const [hooks, setHooks] = useState<ResourceActionsHook[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    Promise.all(registry.filter((e) => e.reference === reference).map((e) => e.load())).then(
      (h) => live && setHooks(h),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [reference]);
  if (!hooks) return <>{children({ actions: [], options: [], loaded: error !== undefined, error })}</>;
  return (
    <RunHooks hooks={hooks} resource={resource}>
      {children}
    </RunHooks>
  );
};

export const ActionServiceProvider: typeof SDKActionServiceProvider = ({ context, children }) => {
  const [reference, resource] = Object.entries(context)[0] ?? [];
  if (!reference) return <>{children({ actions: [], options: [], loaded: true, error: undefined })}</>;
  return (
    <Resolved key={reference} reference={reference} resource={resource as K8sResourceCommon}>
      {children}
    </Resolved>
  );
};
