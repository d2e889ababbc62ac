import { KINDS } from '../core/credential-kinds.js';
import { B3iqError } from '../core/errors.js';
import type { CredentialKind } from '../credentials/records.js';

/**
 * The CLI commands that list and revoke each kind of credential: every "revoke" or "see"
 * hint the CLI prints names the command for the credential's own kind.
 */
export const KIND_COMMANDS: Record<CredentialKind, { list: string; revoke: string; replace: string }> = {
  local: { list: 'b3iq keys list --all', revoke: 'b3iq keys revoke', replace: 'b3iq keys rotate' },
  support: { list: 'b3iq support list --all', revoke: 'b3iq support revoke', replace: 'b3iq support revoke' },
  setup: { list: 'b3iq setup-token list --all', revoke: 'b3iq setup-token revoke', replace: 'b3iq setup-token revoke' },
};

/** The kind an id's prefix names (lk_, sg_, st_), if any. */
export function kindOfId(id: string): CredentialKind | undefined {
  return id.startsWith('lk_') ? 'local' : id.startsWith('sg_') ? 'support' : id.startsWith('st_') ? 'setup' : undefined;
}

/**
 * A library E_NOT_FOUND for a credential of `kind`, given the CLI's hint: where to look,
 * and, when the id belongs to another kind, the command that handles that kind.
 */
export function withKindHint(e: unknown, kind: CredentialKind, id?: string): unknown {
  if (!(e instanceof B3iqError) || e.code !== 'E_NOT_FOUND' || e.hint !== undefined) return e;
  const other = id === undefined ? undefined : kindOfId(id);
  const hint =
    other !== undefined && other !== kind
      ? `${id} is not a ${KINDS[kind].noun}; use: ${KIND_COMMANDS[other].revoke} ${id}`
      : `See: ${KIND_COMMANDS[kind].list}`;
  return new B3iqError(e.code, e.message, { hint, details: e.details, facts: e.facts });
}
