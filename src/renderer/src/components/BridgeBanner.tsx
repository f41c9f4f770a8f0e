// Shown while a test has shifted the emulator's clock or armed faults: tokens then expire at
// other times and requests fail on purpose, which should never surprise someone looking at the
// console. One click puts each back.
import type { ClockDto, FaultDto } from '../../../common/bridge-api';
import { BRIDGE_PATHS } from '../../../common/bridge-api';
import { useConsole } from '../state/ConsoleContext';
import { useAction } from '../state/useAction';

function describeOffset(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  let rest = Math.abs(Math.round(ms / 1000));
  const parts: string[] = [];
  for (const [unit, seconds] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / seconds);
    rest -= n * seconds;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return `${sign}${parts.slice(0, 3).join(' ') || '0s'}`;
}

function describeFault(f: FaultDto): string {
  const where = [f.endpoint, f.grantType, f.clientId && `client ${f.clientId}`, f.user && `user ${f.user}`].filter(Boolean).join(' ');
  const what = f.error ? `${f.error.status ?? 400} ${f.error.error}` : f.tamper ? `tamper ${f.tamper}` : f.drop ? 'drop' : `delay ${f.delayMs ?? 0} ms`;
  return `${where} → ${what} (${f.times === 'Infinity' ? '∞' : `×${f.times}`})`;
}

function ClockLine({ clock }: { clock: ClockDto }) {
  const { client, reloadBridge } = useConsole();
  const action = useAction();
  const reset = () =>
    action.run(async () => {
      await client.request('POST', BRIDGE_PATHS.clock, { body: { reset: true } });
      await reloadBridge();
    });
  return (
    <div className="banner warn bridge" role="status" data-testid="clock-banner">
      <span>
        The emulator's clock is shifted: it is <strong>{new Date(clock.now).toLocaleString()}</strong> here ({describeOffset(clock.offsetMs)} from real time).
        Tokens are issued and checked at that time.
      </span>
      <span className="spacer" />
      {action.error && <span role="alert">{action.error}</span>}
      <button type="button" onClick={() => void reset()} disabled={action.busy}>
        Reset clock
      </button>
    </div>
  );
}

function FaultsLine({ faults }: { faults: FaultDto[] }) {
  const { client, reloadBridge } = useConsole();
  const action = useAction();
  const clear = () =>
    action.run(async () => {
      await client.request('DELETE', BRIDGE_PATHS.faults);
      await reloadBridge();
    });
  return (
    <div className="banner bad bridge" role="status" data-testid="faults-banner">
      <span>
        {faults.length === 1 ? '1 fault is' : `${faults.length} faults are`} armed: the next matching requests fail on purpose —{' '}
        {faults.map(describeFault).join('; ')}
      </span>
      <span className="spacer" />
      {action.error && <span role="alert">{action.error}</span>}
      <button type="button" onClick={() => void clear()} disabled={action.busy}>
        Clear faults
      </button>
    </div>
  );
}

export function BridgeBanner() {
  const { bridge } = useConsole();
  if (!bridge) return null;
  return (
    <>
      {bridge.clock.offsetMs !== 0 && <ClockLine clock={bridge.clock} />}
      {bridge.faults.length > 0 && <FaultsLine faults={bridge.faults} />}
    </>
  );
}
