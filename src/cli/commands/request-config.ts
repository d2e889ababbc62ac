import type { Command } from 'commander';
import type { Context } from '../context.js';
import { B3iqError, isB3iqError } from '../../core/errors.js';
import { parseToken } from '../../core/tokens.js';
import { kindLabel } from '../../credentials/store.js';
import { writeAllAndClose } from '../../fs/files.js';
import { savedLocalKey } from '../../keychain/saved-keys.js';
import { abandonOneTime, claimOutFile, issueOnce, type OneTimeTarget } from '../one-time.js';
import { readSecret, SECRETS } from '../secret-input.js';
import { checkHttpUrl } from '../url.js';
import { KINDS, recordIdRe } from '../../core/credential-kinds.js';

const LOCAL = KINDS.local.secret;

/**
 * The source document's "short-lived request config files": a curl config carrying the
 * bearer header, so the token reaches curl through a file or a pipe, never argv.
 *
 * Where it goes: `--out FILE` (a new 0600 file, exclusive, no symlinks), `--out -`
 * (stdout), or, with no --out, stdout when stdout is not a terminal (the contract's
 * `curl -K <(b3iq request-config)`); on a terminal without --out it refuses: a bearer
 * token on screen is never what `curl -K` needs.
 */
export interface RequestConfigOptions {
  key?: string;
  keyFile?: string;
  url?: string;
  out?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .option('--key <id>', 'use the local key saved in the keychain under this id (lk_…)')
    .option(`${LOCAL.fileFlag} <file>`, `read the local key from this file (- for stdin); default: ${LOCAL.envFile}, ${LOCAL.env}, stdin`)
    .option('--url <url>', 'add url = URL to the config (http or https, no embedded credentials)')
    .option('--out <file>', 'write to a new 0600 file, or - for stdout (default: stdout when it is not a terminal)');
}

/** curl config quoting: inside double quotes, backslash and quote are escaped. */
export function curlQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function checkUrl(raw: string): string {
  return checkHttpUrl(raw, { example: 'http://127.0.0.1:8080/v1/models' }).href;
}

export function buildConfig(token: string, url: string | undefined): string {
  const lines = ['# b3iq request-config: carries a bearer token; keep it private and delete it after use.'];
  if (url !== undefined) lines.push(`url = ${curlQuote(url)}`);
  lines.push(`header = ${curlQuote(`Authorization: Bearer ${token}`)}`);
  return lines.join('\n') + '\n';
}

async function readKey(opts: RequestConfigOptions, ctx: Context): Promise<{ token: string; id: string | undefined }> {
  if (opts.key !== undefined && opts.keyFile !== undefined) {
    throw new B3iqError('E_USAGE', '--key and --key-file cannot be combined.', { hint: 'Choose one source for the key.' });
  }
  if (opts.key !== undefined) {
    if (!recordIdRe('{8,32}', ['local']).test(opts.key)) throw new B3iqError('E_USAGE', '--key takes a local key id (lk_…).', { hint: 'See: b3iq keys list' });
    let token: string | undefined;
    try {
      const kc = await ctx.keychain();
      try {
        token = await savedLocalKey(kc, opts.key);
      } finally {
        kc.close();
      }
    } catch (e) {
      if (isB3iqError(e)) throw e;
      throw new B3iqError('E_KEYCHAIN_UNAVAILABLE', `The keychain is not reachable (${e instanceof Error ? e.message.split('\n')[0] : 'error'}).`, {
        hint: 'Use --key-file or B3IQ_LOCAL_KEY_FILE instead.',
      });
    }
    if (token === undefined) {
      throw new B3iqError('E_NOT_FOUND', `No local key ${opts.key} in the keychain.`, { hint: 'Only keys created with --save keychain are there; use --key-file otherwise.' });
    }
    return { token, id: opts.key };
  }
  const secret = await readSecret(ctx, SECRETS.localKey, { file: opts.keyFile });
  return { token: secret.value, id: undefined };
}

export async function run(opts: RequestConfigOptions, ctx: Context): Promise<void> {
  const url = opts.url === undefined ? undefined : checkUrl(opts.url);
  if (opts.out === '') throw new B3iqError('E_USAGE', '--out needs a file name, or - for stdout.');
  const toStdout = opts.out === '-' || opts.out === undefined;
  if (opts.out === undefined && ctx.io.stdout.isTTY) {
    throw new B3iqError('E_USAGE', 'Refusing to print a bearer token to the terminal.', {
      hint: 'Use it as: curl -K <(b3iq request-config) URL, or write a file with --out FILE (or force stdout with --out -).',
    });
  }
  // Claim the output file before reading the key: a refusal reads nothing.
  const target: OneTimeTarget = toStdout ? { mode: 'stdout' } : claimOutFile(ctx, opts.out!);
  await issueOnce(
    target,
    async () => {
      const { token, id: keychainId } = await readKey(opts, ctx);
      const parsed = parseToken(token);
      if (!parsed.ok) throw new B3iqError('E_BAD_INPUT', 'That is not a valid local API key (malformed or checksum mismatch).', { hint: 'Check the key file holds only the key.' });
      if (parsed.kind !== 'local') {
        throw new B3iqError('E_WRONG_KIND', `That is a ${kindLabel(parsed.kind)}, not a local API key; request configs carry local keys only.`);
      }
      let id = keychainId;
      try {
        const cred = (await ctx.store()).findByToken(token);
        if (cred) {
          id = cred.id;
          if (cred.state !== 'live') ctx.out.warn(`local key ${cred.id} is ${cred.state}; requests with it will be refused.`);
        }
      } catch {
        // No store here (a client machine): the config is still useful.
      }
      return { config: buildConfig(token, url), id };
    },
    ({ config, id }) => {
      if (target.mode === 'file') {
        try {
          writeAllAndClose(target.fd, config);
        } catch (e) {
          abandonOneTime(target);
          throw e;
        }
        ctx.out.data({ file: target.file, keyId: id ?? null, url: url ?? null }, () => undefined);
        ctx.out.success(`Wrote ${target.file} (0600); use it with: curl -K ${target.file}${url ? '' : ' URL'}, and delete it when done.`);
      } else if (ctx.out.json) {
        ctx.out.data({ keyId: id ?? null, url: url ?? null, config });
      } else {
        ctx.out.raw(config);
      }
    },
  );
}
