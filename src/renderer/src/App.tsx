// The console: token gate, then the frame (header, nav, page) around the hash-routed pages.
import { useEffect, useMemo, useState } from 'react';
import { AdminClient } from './api/client';
import { forgetAdminToken, readAdminToken } from './api/token';
import { Frame } from './components/Frame';
import { TokenMissing } from './components/TokenMissing';
import { ConsoleProvider } from './state/ConsoleProvider';

export default function App() {
  const [token, setToken] = useState(readAdminToken);
  const [refused, setRefused] = useState(false);
  // A console URL pasted into this tab again (same document: only the fragment changes).
  useEffect(() => {
    const onHash = () => {
      if (!window.location.hash.includes('token=')) return;
      setToken(readAdminToken());
      setRefused(false);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const client = useMemo(() => (token ? new AdminClient(token) : undefined), [token]);
  useEffect(() => {
    if (!client) return;
    client.onUnauthorized = () => {
      forgetAdminToken();
      setRefused(true);
    };
  }, [client]);
  if (!client) return <TokenMissing reason="missing" />;
  if (refused) return <TokenMissing reason="invalid" />;
  return (
    <ConsoleProvider client={client}>
      <Frame />
    </ConsoleProvider>
  );
}
