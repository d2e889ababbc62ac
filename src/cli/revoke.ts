import { KINDS } from '../core/credential-kinds.js';
import { B3iqError } from '../core/errors.js';
import type { CredentialKind, CredentialView } from '../credentials/records.js';
import type { Context } from './context.js';
import { KIND_COMMANDS, withKindHint } from './kind-commands.js';
import { argRef } from './arg-echo.js';

const NOUN = (kind: CredentialKind): [string, string] => [KINDS[kind].noun, `${KINDS[kind].noun}s`];

/**
 * `keys revoke`, `support revoke`, `setup-token revoke`: ids of one kind, or --all of that
 * kind (where the command allows it). Revoking a revoked credential is not an error; a
 * revoked parent takes its short-lived children with it.
 */
export async function revokeCredentials(
  ctx: Context,
  kind: CredentialKind,
  opts: { ids: string[]; all?: boolean; reason?: string; allowAll: boolean },
  after?: (revoked: CredentialView) => Promise<void>,
): Promise<CredentialView[]> {
  const [one, many] = NOUN(kind);
  if (opts.all === true && opts.ids.length > 0) {
    throw new B3iqError('E_USAGE', `Give ${one} ids or --all, not both.`, { hint: `${KIND_COMMANDS[kind].revoke} ID… | ${KIND_COMMANDS[kind].revoke} --all` });
  }
  if (opts.ids.length === 0 && !(opts.allowAll && opts.all === true)) {
    throw new B3iqError('E_USAGE', `Nothing to revoke: give ${one} ids${opts.allowAll ? ' or --all' : ''}.`, { hint: `See: ${KIND_COMMANDS[kind].list}` });
  }
  const store = await ctx.store();
  const done: CredentialView[] = [];
  if (opts.all === true) {
    const revoked = await store.revokeAll(kind, opts.reason ?? null);
    ctx.out.success(
      revoked.length === 0
        ? `No live ${many} to revoke.`
        : `Revoked ${revoked.length} ${revoked.length === 1 ? one : many}: ${revoked.map((d) => d.id).join(', ')}.`,
    );
    for (const r of revoked) await after?.(r);
    done.push(...revoked);
  } else {
    // Every id that can be revoked is, whatever its place in the list: an unknown id (a
    // typo) must not leave the others live. The unknown ones fail the command afterwards.
    const missing: unknown[] = [];
    for (const id of opts.ids) {
      let r;
      try {
        r = await store.revoke(id, { reason: opts.reason ?? null, kind });
      } catch (e) {
        if (!(e instanceof B3iqError) || e.code !== 'E_NOT_FOUND') throw withKindHint(e, kind, id);
        missing.push(withKindHint(e, kind, id));
        continue;
      }
      done.push(r.credential);
      const kids =
        r.children.length === 0 ? '' : ` with its short-lived ${r.children.length === 1 ? 'child' : 'children'} ${r.children.map((c) => c.id).join(', ')}`;
      ctx.out.success(r.changed ? `Revoked ${id}${kids}.` : `${id} was already revoked.`);
      await after?.(r.credential);
    }
    if (missing.length > 0) throw notFoundAfterOthers(ctx, missing, done);
  }
  ctx.out.data(done, () => undefined);
  return done;
}

/** The first unknown id's error; when others were revoked, it says which (and in --json). */
function notFoundAfterOthers(ctx: Context, missing: unknown[], done: CredentialView[]): unknown {
  const first = missing[0];
  if (!(first instanceof B3iqError) || (done.length === 0 && missing.length === 1)) return first;
  // A malformed id is named by its position, never repeated (it may be a pasted secret).
  const value = first.facts?.argValue;
  const base = first.message.replace(/\.$/, '') + (value === undefined ? '' : ` (${argRef(ctx.argv, value)})`);
  const more = missing.length > 1 ? `; ${missing.length - 1} more not found` : '';
  const others = done.length > 0 ? ` The others were revoked: ${done.map((d) => d.id).join(', ')}.` : '';
  return new B3iqError(first.code, `${base}${more}.${others}`, { hint: first.hint, details: { ...first.details, revoked: done.map((d) => d.id) } });
}
