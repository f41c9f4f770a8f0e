// Tokens, codes and sessions are valid only at the issuer that made them, as in ZITADEL, where
// each instance domain is an issuer of its own. Records made by a domain issuer carry it; those
// of the main issuer carry nothing (keeping the runtime state small for the common case).
import type { ProviderDeps } from '../oidc/provider-deps.js';

/** `{ issuer }` for records made by a domain issuer, nothing for the main issuer. */
export function issuerStamp(deps: Pick<ProviderDeps, 'issuer' | 'mainIssuer'>): { issuer?: string } {
  return deps.mainIssuer !== undefined && deps.mainIssuer !== deps.issuer ? { issuer: deps.issuer } : {};
}

/** The issuer that made a record. */
export function issuerOf(record: { issuer?: string }, deps: Pick<ProviderDeps, 'issuer' | 'mainIssuer'>): string {
  return record.issuer ?? deps.mainIssuer ?? deps.issuer;
}

export function isIssuedHere(record: { issuer?: string }, deps: Pick<ProviderDeps, 'issuer' | 'mainIssuer'>): boolean {
  return issuerOf(record, deps) === deps.issuer;
}

/** Where a token claims to come from: a JWT's `iss`, an opaque token's session. Unverified. */
function claimedIssuerOf(token: string, deps: ProviderDeps): string | undefined {
  if (token.split('.').length === 3) {
    try {
      const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
      const iss = typeof payload === 'object' && payload !== null ? (payload as { iss?: unknown }).iss : undefined;
      return typeof iss === 'string' ? iss : undefined;
    } catch {
      return undefined;
    }
  }
  const ref = deps.state.accessTokens.get(token);
  const session = ref && deps.state.oidcSessions.get(ref.sessionId);
  return session?.issuer;
}

/**
 * The main issuer's deps, or those of the instance domain the token names, so the console's
 * inspector judges a domain's token as that domain's introspection would. Every check (the
 * signature, the session's issuer) still runs against the result.
 */
export function depsForTokenIssuer(token: string, deps: ProviderDeps, issuers: readonly string[]): ProviderDeps {
  const claimed = claimedIssuerOf(token, deps);
  if (claimed === undefined || claimed === deps.issuer || !issuers.includes(claimed)) return deps;
  return { ...deps, issuer: claimed, mainIssuer: deps.issuer };
}
