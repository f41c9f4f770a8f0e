// The console shell: the issuer with a copy button and the endpoints this emulator serves,
// read from its own discovery document.
import { useEffect, useState } from 'react';

type Discovery = Record<string, unknown>;

function useDiscovery(): { doc?: Discovery; error?: string } {
  const [state, setState] = useState<{ doc?: Discovery; error?: string }>({});
  useEffect(() => {
    fetch('/.well-known/openid-configuration')
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`discovery answered ${res.status}`))))
      .then((doc: Discovery) => setState({ doc }))
      .catch((err: unknown) => setState({ error: err instanceof Error ? err.message : String(err) }));
  }, []);
  return state;
}

export default function App() {
  const { doc, error } = useDiscovery();
  const issuer = typeof doc?.issuer === 'string' ? doc.issuer : window.location.origin;
  const endpoints = Object.entries(doc ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && /(_endpoint|_uri)$/.test(entry[0]),
  );
  return (
    <div className="frame">
      <header>
        <strong>IdP Emulator</strong>
        <code>{issuer}</code>
        <button type="button" onClick={() => void navigator.clipboard.writeText(issuer)}>
          copy
        </button>
      </header>
      <main>
        <section className="card" aria-labelledby="endpoints">
          <h2 id="endpoints">Endpoints</h2>
          {error && <p role="alert">Could not read discovery: {error}</p>}
          <table>
            <tbody>
              <tr>
                <th>discovery</th>
                <td>
                  <code>{`${issuer}/.well-known/openid-configuration`}</code>
                </td>
              </tr>
              {endpoints.map(([name, url]) => (
                <tr key={name}>
                  <th>{name}</th>
                  <td>
                    <code>{url}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
    </div>
  );
}
