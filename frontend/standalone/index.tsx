// Entry of the standalone UI: PatternFly's styles, i18n, the session check (login with a bearer
// token unless the backend runs with development credentials), then the pages.
import '@patternfly/react-core/dist/styles/base.css';
import './host.css';
import { StrictMode, Suspense, useCallback, useEffect, useState, type FC } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Bullseye, Spinner } from '@patternfly/react-core';
import extensions from '../../console-extensions.json';
import { registerResourceActionProviders, type ResourceActionsHook } from '../sdk/action-service';
import { onUnauthorized } from '../sdk/auth';
import { ModalHost } from '../sdk/modals';
import { AppRoutes } from './AppRoutes';
import { actionProviders, type ExtensionDecl } from './extensions';
import { initI18n } from './i18n-setup';
import { Login } from './Login';
import { loadExposed } from './modules';
import { fetchSession, type Session } from './session';
import { Shell } from './Shell';

// The actions of each kind come from the plugin's own resource-provider declarations.
registerResourceActionProviders(
  actionProviders(extensions as ExtensionDecl[]).map((p) => ({
    reference: p.reference,
    load: async () => (await loadExposed(p.module))[p.export] as ResourceActionsHook,
  })),
);

const Loading = () => (
  <Bullseye>
    <Spinner />
  </Bullseye>
);

const App: FC = () => {
  const [session, setSession] = useState<Session>();
  const check = useCallback(async () => {
    const s = await fetchSession();
    setSession(s);
    return s.authenticated;
  }, []);
  useEffect(() => {
    void check();
    return onUnauthorized(() => void check());
  }, [check]);
  if (!session) return <Loading />;
  if (!session.authenticated) return <Login onLogin={check} />;
  return (
    <Shell session={session} onLogout={() => void check()}>
      <AppRoutes />
      <ModalHost />
    </Shell>
  );
};

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <BrowserRouter>
        <Suspense fallback={<Loading />}>
          <App />
        </Suspense>
      </BrowserRouter>
    </StrictMode>,
  );
});
