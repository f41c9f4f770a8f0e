// Shown without a usable admin token: the console URL printed at startup carries it.
export function TokenMissing({ reason }: { reason: 'missing' | 'invalid' }) {
  return (
    <main className="gate">
      <div className="gate-card" role="alert">
        <h1>{reason === 'missing' ? 'Open the console from its startup URL' : 'This console link has expired'}</h1>
        <p>
          {reason === 'missing'
            ? 'The console needs the admin token that the emulator prints when it starts.'
            : 'The emulator refused the admin token: it was restarted with a new one, or the link is from another run.'}
        </p>
        <p>
          Open the <strong>console URL printed at startup</strong> — it looks like
        </p>
        <pre>{`${window.location.origin}/ui/console/#token=…`}</pre>
        <p className="hint">
          Give <code>--admin-token</code> to <code>idp-emulator serve</code> to keep the same URL across restarts.
        </p>
      </div>
    </main>
  );
}
