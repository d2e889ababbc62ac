import { B3iqError } from './errors.js';

export const LOCAL_SCOPES = ['inference', 'models:read', 'usage:read'] as const;
export const SUPPORT_SCOPES = ['diagnostics:read', 'logs:read', 'health:read'] as const;
export type LocalScope = (typeof LOCAL_SCOPES)[number];
export type SupportScope = (typeof SUPPORT_SCOPES)[number];

/**
 * Refused by name for every credential, with the source document's reason: no local key or
 * support grant may carry them, so each is named rather than called unknown.
 */
export const FORBIDDEN_SCOPES: Record<string, string> = {
  'keys:write': 'manage API keys',
  'owner:recover': 'recover owner auth',
  'wallet:reveal': 'reveal wallet private keys',
  exec: 'execute commands outside the allowed diagnostics',
  'prompts:read': 'read raw prompts or outputs',
};
/** The former name, from when only support grants refused them by name. */
export const FORBIDDEN_SUPPORT_SCOPES = FORBIDDEN_SCOPES;

const WHO = { local: ['local keys', 'Local key scopes'], support: ['support grants', 'Support scopes'] } as const;

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
      if (Object.hasOwn(FORBIDDEN_SCOPES, s)) {
        throw new B3iqError('E_SCOPE_FORBIDDEN', `Scope ${s} is forbidden: ${WHO[kind][0]} may not ${FORBIDDEN_SCOPES[s]}.`, {
          hint: `${WHO[kind][1]}: ${allowed.join(', ')}.`,
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

/** One scope a check requires (`verify --scope`): refused as validateScopes refuses a grant's. */
export function validateScope(kind: 'local' | 'support', requested: string): string {
  const [one, ...more] = validateScopes(kind, [requested]);
  if (one === undefined || more.length > 0)
    throw new B3iqError('E_USAGE', '--scope takes one scope here.', { hint: `Allowed: ${(kind === 'local' ? LOCAL_SCOPES : SUPPORT_SCOPES).join(', ')}.` });
  return one;
}
