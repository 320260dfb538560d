// Entry of the standalone UI: PatternFly's styles, i18n, the session check (login with a bearer
// token unless the backend runs with development credentials), then the pages.
import '@patternfly/react-core/dist/styles/base.css';
import './host.css';
import { StrictMode, Suspense, useCallback, useEffect, useState, type FC } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Bullseye, Spinner } from '@patternfly/react-core';
import { onUnauthorized } from '../sdk/auth';
import { AppRoutes } from './AppRoutes';
import { initI18n } from './i18n-setup';
import { Login } from './Login';
import { fetchSession, type Session } from './session';
import { Shell } from './Shell';

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
