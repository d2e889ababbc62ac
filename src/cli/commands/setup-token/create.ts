import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { parseDuration, formatDuration } from '../../../core/durations.js';
import { SETUP_DEFAULT_TTL_MS } from '../../../credentials/store.js';
import { deliverOneTime, issueOnce, planOneTime } from '../../one-time.js';
import { shortTime } from '../../render.js';
import { checkHttpUrl, plainHttpOffMachine } from '../../url.js';
import { DEFAULT_UI_BASE } from '../../../ui/constants.js';

export interface SetupTokenCreateOptions {
  ttl?: string;
  url?: string | true;
  out?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .option('--ttl <duration>', 'how long it stays usable: 90s, 15m, 4h (at most 24h)', formatDuration(SETUP_DEFAULT_TTL_MS))
    .option(
      '--url [base]',
      `print a setup URL, BASE/setup#token=…, carrying the token in its fragment (BASE defaults to b3iq ui's address, ${DEFAULT_UI_BASE})`,
    )
    .option('--out <file>', 'write it to a new 0600 file, or - for stdout');
}

/**
 * The setup URL keeps the token in the fragment (`#token=`): browsers never send a
 * fragment to the server, so it stays out of request logs and proxies.
 */
export function setupUrlBase(base: string): URL {
  return checkHttpUrl(base, { example: 'https://node.local:8443', base: true });
}

export function setupUrl(base: URL, token: string): string {
  const root = base.href.replace(/\/+$/, '');
  return `${root}/setup#token=${token}`;
}

export async function run(opts: SetupTokenCreateOptions, ctx: Context): Promise<void> {
  const ttl = parseDuration(opts.ttl ?? formatDuration(SETUP_DEFAULT_TTL_MS), { flag: '--ttl' })!;
  const base = opts.url === undefined ? undefined : setupUrlBase(opts.url === true ? DEFAULT_UI_BASE : opts.url);
  const store = await ctx.store();
  const what = base ? 'setup URL' : 'setup token';
  const target = planOneTime(ctx, { out: opts.out }, what);
  await issueOnce(
    target,
    (first) => store.issueSetupToken({ ttl, deliver: first }),
    (issued) => {
      const text = base ? setupUrl(base, issued.token) : issued.token;
      const meta = base ? { ...issued.credential, url: true } : issued.credential;
      if (base && plainHttpOffMachine(base)) {
        ctx.out.warn('the setup URL uses plain http to a non-loopback host: anyone on the path can read the page it loads; prefer https.');
      }
      deliverOneTime(ctx, target, text, meta, `Issued setup token ${issued.id}, single use, expires ${shortTime(issued.credential.expiresAt)}`, what);
    },
    (token) => (base ? setupUrl(base, token) : token),
  );
  ctx.out.info(
    base
      ? 'Open it once in a browser on the node while b3iq ui runs (or: b3iq setup < FILE)'
      : `Use it once with: b3iq setup < FILE   (or b3iq recover, to reset the owner password)`,
  );
}
