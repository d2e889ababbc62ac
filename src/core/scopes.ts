import { B3iqError } from './errors.js';

export const LOCAL_SCOPES = ['inference', 'models:read', 'usage:read'] as const;
export const SUPPORT_SCOPES = ['diagnostics:read', 'logs:read', 'health:read'] as const;
export type LocalScope = (typeof LOCAL_SCOPES)[number];
export type SupportScope = (typeof SUPPORT_SCOPES)[number];

/** Refused by name for support grants, with the source document's reason. */
export const FORBIDDEN_SUPPORT_SCOPES: Record<string, string> = {
  'keys:write': 'support grants may not manage API keys',
  'owner:recover': 'support grants may not recover owner auth',
  'wallet:reveal': 'support grants may not reveal wallet private keys',
  exec: 'support grants may not execute commands outside the allowed diagnostics',
  'prompts:read': 'support grants may not read raw prompts or outputs',
};

export function validateScopes(kind: 'local' | 'support', requested: readonly string[] | undefined): string[] {
  const allowed: readonly string[] = kind === 'local' ? LOCAL_SCOPES : SUPPORT_SCOPES;
  const list = requested && requested.length > 0 ? requested : [allowed[0]!];
  const out: string[] = [];
  for (const raw of list) {
    for (const s of raw
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      // Own properties only: `constructor` or `__proto__` is an unknown scope, not a table entry.
      if (kind === 'support' && Object.hasOwn(FORBIDDEN_SUPPORT_SCOPES, s)) {
        throw new B3iqError('E_SCOPE_FORBIDDEN', `Scope ${s} is forbidden: ${FORBIDDEN_SUPPORT_SCOPES[s]}.`, {
          hint: `Support scopes: ${SUPPORT_SCOPES.join(', ')}.`,
        });
      }
      if (!allowed.includes(s)) {
        // Never the value (it may be a pasted secret): the front end names its position.
        throw new B3iqError('E_SCOPE_UNKNOWN', `Unknown ${kind === 'local' ? 'key' : 'support'} scope.`, {
          hint: `Allowed: ${allowed.join(', ')}.`,
          facts: { argValue: s },
        });
      }
      if (!out.includes(s)) out.push(s);
    }
  }
  return out;
}
