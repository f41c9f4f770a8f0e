// One token as Activity and the Inspector show it: header, signature, expiry, claims with why.
import type { ClaimNoteDto } from '../../../common/admin-api';
import { ClaimsTable } from './ClaimsTable';
import { CopyButton } from './CopyButton';
import type { ReactNode } from 'react';
import { Countdown } from './Countdown';

const SIGNATURE: Record<string, [string, string]> = {
  valid: ['ok', 'signature ✓ (this emulator)'],
  invalid: ['bad', 'signature ✗ invalid'],
  unknown_key: ['bad', 'signed by a key this emulator does not know'],
  not_applicable: ['hint', 'no signature (opaque)'],
};

export function TokenView(props: {
  title: string;
  value: string;
  format: 'jwt' | 'opaque';
  header?: Record<string, unknown> | undefined;
  claims?: Record<string, unknown> | undefined;
  notes?: ClaimNoteDto[] | undefined;
  signature?: string | undefined;
  extra?: ReactNode;
}) {
  const exp = typeof props.claims?.exp === 'number' ? props.claims.exp : undefined;
  const sig = props.signature ? SIGNATURE[props.signature] : undefined;
  return (
    <section className="token" aria-label={props.title} data-token={props.value}>
      <div className="token-head">
        <strong>{props.title}</strong>
        <span className="tag">{props.format === 'jwt' ? 'JWT' : 'opaque'}</span>
        {props.header && (
          <code className="hint">
            {['alg', 'kid', 'typ']
              .filter((k) => props.header?.[k] !== undefined)
              .map((k) => `${k} ${String(props.header?.[k])}`)
              .join(' · ')}
          </code>
        )}
        {sig && <span className={sig[0]}>{sig[1]}</span>}
        {exp !== undefined && <Countdown exp={exp} />}
        <CopyButton text={props.value} label="copy token" />
        {props.extra}
      </div>
      {props.claims ? (
        <ClaimsTable claims={props.claims} notes={props.notes} />
      ) : (
        <code className="break hint">{props.value}</code>
      )}
    </section>
  );
}
