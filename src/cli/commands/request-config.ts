import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { KINDS, recordIdRe } from '../../core/credential-kinds.js';
import { B3iqError, isB3iqError } from '../../core/errors.js';
import { parseDuration, formatDuration } from '../../core/durations.js';
import { validateScopes } from '../../core/scopes.js';
import { parseToken } from '../../core/tokens.js';
import type { CredentialView } from '../../credentials/records.js';
import { kindLabel, type Store } from '../../credentials/store.js';
import { writeAllAndClose } from '../../fs/files.js';
import { savedLocalKey } from '../../keychain/saved-keys.js';
import { abandonOneTime, claimOutFile, issueOnce, type OneTimeTarget } from '../one-time.js';
import { collect } from '../program-helpers.js';
import { readSecret, SECRETS } from '../secret-input.js';
import { shortTime } from '../render.js';
import { buildConfig, checkStdout, checkUrl, stdoutKind } from '../curl-config.js';
import { plainHttpOffMachine } from '../url.js';

export { buildConfig, checkUrl, curlQuote } from '../curl-config.js';

const LOCAL = KINDS.local.secret;
const SUPPORT = KINDS.support.secret;

/**
 * The source document's "short-lived request config files": a curl config carrying the
 * bearer header, so the token reaches curl through a file or a pipe, never argv.
 *
 * Where it goes: a pipe or FIFO (`curl -K <(b3iq request-config)`), `--out FILE` (a new
 * 0600 file, exclusive, no symlinks), or a regular file on stdout only when it is private
 * to the user (0600). A terminal, or a file others can read, is refused (exit 2).
 *
 * What it carries: with --ttl, --scope, or whenever it writes a file, a CHILD credential
 * minted for it (the parent's scopes or fewer, expiring after the TTL, 15m by default,
 * never after its parent, revoked with it); on a pipe without those, the parent itself.
 * The child is issued through issueOnce: planned target first, the token only in the config.
 */
export const DEFAULT_CONFIG_TTL_MS = 15 * 60_000;

export interface RequestConfigOptions {
  kind?: 'local' | 'support';
  key?: string;
  keyFile?: string;
  tokenFile?: string;
  url?: string;
  out?: string;
  ttl?: string;
  scope?: string[];
}

export function configure(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--kind <kind>', 'which credential: a local key, or a support grant (for /diagnostics/*)').choices(['local', 'support']).default('local'),
    )
    .option('--key <id>', 'use the local key saved in the keychain under this id (lk_…)')
    .option(`${LOCAL.fileFlag} <file>`, `read the local key from this file (- for stdin); default: ${LOCAL.envFile}, ${LOCAL.env}, stdin`)
    .option(
      `${SUPPORT.fileFlag} <file>`,
      `with --kind support: read the support token from this file (- for stdin); default: ${SUPPORT.envFile}, ${SUPPORT.env}, stdin`,
    )
    .option('--url <url>', 'add url = URL to the config (http or https, no embedded credentials)')
    .option('--out <file>', 'write to a new 0600 file (a short-lived child credential by default), or - for stdout')
    .option(
      '--ttl <duration>',
      `carry a short-lived child credential expiring after this (default ${formatDuration(DEFAULT_CONFIG_TTL_MS)} when writing a file; never after its parent)`,
    )
    .option('--scope <scope>', "narrow the child credential to this scope of the parent's (repeatable)", collect());
}

/** Decided before any secret is read: a refusal reads nothing and mints nothing. */
function planTarget(opts: RequestConfigOptions, ctx: Context): { target: OneTimeTarget; privateFile: boolean } {
  if (opts.out === '') throw new B3iqError('E_USAGE', '--out needs a file name, or - for stdout.');
  if (opts.out !== undefined && opts.out !== '-') return { target: claimOutFile(ctx, opts.out), privateFile: false };
  const kind = stdoutKind(ctx.io.stdout);
  checkStdout(kind, ctx.io.stdout);
  return { target: { mode: 'stdout' }, privateFile: kind === 'private-file' };
}

function checkSources(opts: RequestConfigOptions): void {
  const kind = opts.kind ?? 'local';
  if (kind === 'support' && (opts.key !== undefined || opts.keyFile !== undefined)) {
    throw new B3iqError('E_USAGE', `--key and ${LOCAL.fileFlag} are for local keys; a support token comes from ${SUPPORT.fileFlag}.`, {
      hint: `b3iq request-config --kind support ${SUPPORT.fileFlag} FILE`,
    });
  }
  if (kind === 'local' && opts.tokenFile !== undefined) {
    throw new B3iqError('E_USAGE', `${SUPPORT.fileFlag} is for --kind support; a local key comes from ${LOCAL.fileFlag}.`, {
      hint: `b3iq request-config ${LOCAL.fileFlag} FILE`,
    });
  }
  if (opts.key !== undefined && opts.keyFile !== undefined) {
    throw new B3iqError('E_USAGE', `--key and ${LOCAL.fileFlag} cannot be combined.`, { hint: 'Choose one source for the key.' });
  }
  if (opts.key !== undefined && !recordIdRe('{8,32}', ['local']).test(opts.key))
    throw new B3iqError('E_USAGE', '--key takes a local key id (lk_…).', { hint: 'See: b3iq keys list' });
}

async function fromKeychain(ctx: Context, id: string): Promise<string> {
  let token: string | undefined;
  try {
    const kc = await ctx.keychain();
    try {
      token = await savedLocalKey(kc, id);
    } finally {
      kc.close();
    }
  } catch (e) {
    if (isB3iqError(e)) throw e;
    throw new B3iqError('E_KEYCHAIN_UNAVAILABLE', `The keychain is not reachable (${e instanceof Error ? e.message.split('\n')[0] : 'error'}).`, {
      hint: `Use ${LOCAL.fileFlag} or ${LOCAL.envFile} instead.`,
    });
  }
  if (token === undefined)
    throw new B3iqError('E_NOT_FOUND', `No local key ${id} in the keychain.`, {
      hint: `Only keys created with --save keychain are there; use ${LOCAL.fileFlag} otherwise.`,
    });
  return token;
}

async function readParent(opts: RequestConfigOptions, ctx: Context): Promise<string> {
  const kind = opts.kind ?? 'local';
  const token =
    opts.key !== undefined
      ? await fromKeychain(ctx, opts.key)
      : (
          await readSecret(ctx, kind === 'local' ? SECRETS.localKey : SECRETS.supportToken, { file: kind === 'local' ? opts.keyFile : opts.tokenFile })
        ).value.trim();
  const parsed = parseToken(token);
  const what = KINDS[kind].label;
  if (!parsed.ok)
    throw new B3iqError('E_BAD_INPUT', `That is not a valid ${what} (malformed or checksum mismatch).`, { hint: 'Check the file holds only the token.' });
  if (parsed.kind !== kind) {
    throw new B3iqError('E_WRONG_KIND', `That is a ${kindLabel(parsed.kind)}, not a ${what}.`, {
      hint:
        parsed.kind === 'support'
          ? 'For a support token use --kind support.'
          : 'request-config carries local keys (default) and support grants (--kind support).',
    });
  }
  return token;
}

/** The parent as this node knows it, for a child; refuses what cannot mint one. */
function parentOf(store: Store, token: string, kind: 'local' | 'support'): CredentialView {
  const cred = store.findByToken(token);
  if (!cred) {
    throw new B3iqError('E_NOT_FOUND', `That ${KINDS[kind].noun} is not one this node issued; a short-lived config is minted from this node's records.`, {
      hint: 'Run it on the node that issued the credential, or pipe the credential itself: curl -K <(b3iq request-config) URL',
    });
  }
  if (cred.parentId)
    throw new B3iqError('E_WRONG_KIND', `${cred.id} is a short-lived child credential; it cannot mint another.`, { hint: `Use its parent, ${cred.parentId}.` });
  return cred;
}

interface Made {
  config: string;
  parentId: string | undefined;
  child: CredentialView | undefined;
}

export async function run(opts: RequestConfigOptions, ctx: Context): Promise<void> {
  const kind = opts.kind ?? 'local';
  checkSources(opts);
  const url = opts.url === undefined ? undefined : checkUrl(opts.url);
  if (url !== undefined && plainHttpOffMachine(new URL(url)))
    ctx.out.warn('--url is plain http to another host: the bearer token would cross the network in clear; prefer https.');
  const ttlArg = opts.ttl === undefined ? undefined : parseDuration(opts.ttl, { flag: '--ttl' })!;
  const scopes = opts.scope === undefined ? undefined : validateScopes(kind, opts.scope);
  const { target, privateFile } = planTarget(opts, ctx);
  // A file (--out FILE, or a private file on stdout) always gets a child: a config left on
  // disk must not be as good as the key itself. A pipe carries the parent unless asked.
  const wantChild = ttlArg !== undefined || scopes !== undefined || target.mode === 'file' || privateFile;
  let minted: { store: Store; id: string } | undefined;
  try {
    await issueOnce<Made>(
      target,
      async () => {
        const parentToken = await readParent(opts, ctx);
        if (!wantChild) return { config: buildConfig(parentToken, url), parentId: await knownId(ctx, parentToken, kind, opts.key), child: undefined };
        const store = await ctx.store();
        const parent = parentOf(store, parentToken, kind);
        const issued = await store.issueChild(parent.id, { ttl: ttlArg ?? DEFAULT_CONFIG_TTL_MS, scopes, note: 'request-config' });
        minted = { store, id: issued.id };
        return { config: buildConfig(issued.token, url, issued.credential.expiresAt), parentId: parent.id, child: issued.credential };
      },
      (made) => deliver(ctx, target, made, kind, url),
    );
  } catch (e) {
    // A child whose config was never delivered must not stay live.
    if (minted) await minted.store.revoke(minted.id, { reason: 'request-config failed' }).catch(() => undefined);
    throw e;
  }
}

/** Without a child: the id this node knows the credential by (if any), warning when it is not live. */
async function knownId(ctx: Context, token: string, kind: 'local' | 'support', keychainId: string | undefined): Promise<string | undefined> {
  try {
    const cred = (await ctx.store()).findByToken(token);
    if (cred) {
      if (cred.state !== 'live') ctx.out.warn(`${KINDS[kind].noun} ${cred.id} is ${cred.state}; requests with it will be refused.`);
      return cred.id;
    }
  } catch {
    // No store here (a client machine): the config is still useful.
  }
  return keychainId;
}

function deliver(ctx: Context, target: OneTimeTarget, made: Made, kind: 'local' | 'support', url: string | undefined): void {
  const { child, parentId, config } = made;
  const childDoc = child ? { id: child.id, scopes: child.scopes, expiresAt: child.expiresAt } : null;
  const about = child
    ? ` with a short-lived credential ${child.id} (child of ${parentId}, ${child.scopes.join(',')}, expires ${shortTime(child.expiresAt)})`
    : '';
  if (target.mode === 'file') {
    try {
      writeAllAndClose(target.fd, config);
    } catch (e) {
      abandonOneTime(target);
      throw e;
    }
    ctx.out.data({ file: target.file, kind, keyId: parentId ?? null, child: childDoc, url: url ?? null }, () => undefined);
    ctx.out.success(`Wrote ${target.file} (0600)${about}; use it with: curl -K ${target.file}${url ? '' : ' URL'}, and delete it when done.`);
  } else if (ctx.out.json) {
    ctx.out.data({ kind, keyId: parentId ?? null, child: childDoc, url: url ?? null, config });
  } else {
    ctx.out.raw(config);
    if (child) ctx.out.info(`The config carries${about.replace(/^ with/, '')}.`);
  }
}
