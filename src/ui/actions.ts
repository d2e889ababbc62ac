import type { NodeStore as Store } from '../owner/node-store.js';
import { B3iqError } from '../core/errors.js';
import type { OneTimeSecrets } from './one-time.js';
import { ENROLL_ACTIONS } from './enrollment.js';

/** What a signed-in form post asks for, and where the browser goes next. */
export type ActionResult = { to: string } | { error: string };

type Action = (store: Store, form: URLSearchParams, sessionId: string, secrets: OneTimeSecrets) => Promise<ActionResult>;

function idOf(form: URLSearchParams): string {
  const id = form.get('id') ?? '';
  if (!/^[A-Za-z0-9_]{1,40}$/.test(id)) throw new B3iqError('E_USAGE', 'No such id.');
  return id;
}

function done(text: string): { to: string } {
  return { to: `/?ok=${encodeURIComponent(text)}` };
}

function ms(v: string | null, allowed: readonly number[]): number | null {
  if (v === null || v === '') return null;
  const n = Number(v);
  if (!allowed.includes(n)) throw new B3iqError('E_USAGE', 'Choose one of the offered durations.');
  return n;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The same library calls the CLI makes; the UI adds nothing of its own to what they check. */
export const ACTIONS: Record<string, Action> = {
  '/keys/create': async (store, form, sid, secrets) => {
    const scopes = form.getAll('scope');
    const issued = await store.issueLocalKey({
      name: form.get('name') ?? '',
      scopes: scopes.length ? scopes : undefined,
      expiresIn: ms(form.get('expires'), [DAY, 30 * DAY, 90 * DAY]),
    });
    return { to: `/secret?s=${secrets.put(sid, 'Local key', issued.id, issued.token)}` };
  },
  '/keys/rotate': async (store, form, sid, secrets) => {
    const r = await store.rotate(idOf(form));
    return { to: `/secret?s=${secrets.put(sid, `Local key (successor of ${r.previous.id})`, r.id, r.token)}` };
  },
  '/keys/revoke': async (store, form) => {
    const r = await store.revoke(idOf(form), { kind: 'local' });
    return done(r.changed ? `Revoked ${r.credential.id}.` : `${r.credential.id} was already revoked.`);
  },
  '/support/grant': async (store, form, sid, secrets) => {
    const scopes = form.getAll('scope');
    const note = (form.get('note') ?? '').trim();
    const issued = await store.issueSupportGrant({
      scopes: scopes.length ? scopes : undefined,
      ttl: ms(form.get('ttl'), [HOUR, 4 * HOUR, 24 * HOUR, 72 * HOUR]) ?? undefined,
      note: note || null,
    });
    return { to: `/secret?s=${secrets.put(sid, 'Support grant', issued.id, issued.token)}` };
  },
  '/support/revoke': async (store, form) => {
    const r = await store.revoke(idOf(form), { kind: 'support' });
    return done(r.changed ? `Revoked ${r.credential.id}.` : `${r.credential.id} was already revoked.`);
  },
  '/setup-tokens/revoke': async (store, form) => {
    const r = await store.revoke(idOf(form), { kind: 'setup' });
    return done(r.changed ? `Revoked ${r.credential.id}.` : `${r.credential.id} was already revoked.`);
  },
  '/sessions/revoke': async (store, form) => {
    const { revoked } = await store.revokeOwnerSessions([idOf(form)]);
    return revoked.length ? done(`Signed out ${revoked[0]}.`) : { error: 'No such live session.' };
  },
  ...ENROLL_ACTIONS,
};

/** Runs an action; a refusal by the library becomes its one-line message (never a secret). */
export async function runAction(path: string, store: Store, form: URLSearchParams, sid: string, secrets: OneTimeSecrets): Promise<ActionResult | undefined> {
  const action = ACTIONS[path];
  if (!action) return undefined;
  try {
    return await action(store, form, sid, secrets);
  } catch (e) {
    if (e instanceof B3iqError) return { error: e.message };
    throw e;
  }
}
