import { Option, type Command } from 'commander';
import type { Context } from '../../context.js';
import { parseDuration } from '../../../core/durations.js';
import { LOCAL_SCOPES, validateScopes } from '../../../core/scopes.js';
import { deliverOneTime, issueOnce, planOneTime } from '../../one-time.js';
import { describeCredential } from '../../render.js';
import { collect } from '../../program-helpers.js';
import { issueLocalKeyToKeychain } from '../../../keychain/saved-keys.js';
import type { SavedWhere } from '../../../keychain/keychain.js';
import { describeSaved, sweepStaleCopies } from './shared.js';

export interface KeysCreateOptions {
  name: string;
  scope?: string[];
  expires?: string;
  out?: string;
  save?: string;
  dev?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd
    .requiredOption('--name <name>', 'what the key is for, e.g. ci-runner')
    .addOption(new Option('--scope <scope>', 'a scope to grant (repeatable)').choices([...LOCAL_SCOPES]).argParser(collect()))
    .option('--expires <duration>', 'expiry: 90s, 15m, 4h, 30d or never', 'never')
    .option('--out <file>', 'write the key to a new 0600 file, or - for stdout')
    .addOption(new Option('--save <where>', 'keep the key in the OS keychain instead of printing it').choices(['keychain']))
    .option('--dev', 'mark as a development credential (doctor --production fails while it is live)');
}

export async function run(opts: KeysCreateOptions, ctx: Context): Promise<void> {
  const scopes = validateScopes('local', opts.scope);
  const expiresIn = parseDuration(opts.expires ?? 'never', { allowNever: true, flag: '--expires' });
  const store = await ctx.store();
  const keychain = opts.save === 'keychain' ? await ctx.keychain() : undefined;
  const target = planOneTime(ctx, opts, 'local API key');
  await issueOnce(
    target,
    (first) => {
      const input = { name: opts.name, scopes, expiresIn, dev: opts.dev === true, deliver: first };
      return keychain ? issueLocalKeyToKeychain(store, keychain, input) : store.issueLocalKey(input);
    },
    (issued) => {
      // The truth about where --save keychain put it: the OS keychain, or a 0600 file.
      const saved = (issued as { saved?: SavedWhere }).saved;
      if (target.mode === 'keychain' && saved) target.where = describeSaved(saved, issued.id);
      const meta = saved ? { ...issued.credential, saved } : issued.credential;
      deliverOneTime(ctx, target, issued.token, meta, describeCredential(issued.credential), 'key');
    },
  );
  await sweepStaleCopies(ctx);
}
