import type { Command } from 'commander';
import type { Context } from '../context.js';
import { B3iqError } from '../../core/errors.js';
import { openUserFile } from '../../fs/user-file.js';
import type { CredentialKind } from '../../credentials/records.js';
import { KIND_COMMANDS, kindOfId } from '../kind-commands.js';
import * as fs from 'node:fs';

export interface RestoreOptions {
  file: string;
  dryRun?: boolean;
  force?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd
    .argument('<file>', 'a backup made by b3iq backup')
    .option('--dry-run', 'check the backup (hashes, records, invariants, anchors) and change nothing')
    .option('--force', 'replace a home that is not empty (it is moved aside to <home>.before-restore-<time>, not deleted)');
}

function readAll(file: string, max: number): Buffer {
  const { fd, stat } = openUserFile(file, {
    cannotOpen: (code) => new B3iqError('E_BAD_INPUT', `Cannot read the backup ${file} (${code}).`),
    isDirectory: () => new B3iqError('E_BAD_INPUT', `The backup ${file} is a directory.`),
  });
  try {
    if (!stat.isFile()) throw new B3iqError('E_BAD_INPUT', `The backup ${file} is not a regular file.`);
    if (stat.size > max) throw new B3iqError('E_BAD_INPUT', `The backup ${file} is larger than ${Math.round(max / 1048576)} MiB; refusing it.`);
    const buf = Buffer.alloc(stat.size);
    let got = 0;
    while (got < buf.length) {
      const n = fs.readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** `b3iq keys revoke lk_… ; b3iq support revoke sg_…`: one command per kind present. */
function revokeCommands(ids: readonly string[]): string {
  return (Object.keys(KIND_COMMANDS) as CredentialKind[])
    .map((kind) => [KIND_COMMANDS[kind].revoke, ids.filter((id) => kindOfId(id) === kind)] as const)
    .filter(([, some]) => some.length > 0)
    .map(([revoke, some]) => `${revoke} ${some.join(' ')}`)
    .join('; ');
}

/**
 * Restores a backup made by `b3iq backup`: its hashes, then every invariant and anchor of
 * the restored home are checked before anything is replaced; exit 3 (E_CORRUPT) for a
 * damaged or altered backup, and nothing changes.
 */
export async function run(opts: RestoreOptions, ctx: Context): Promise<void> {
  const file = opts.file;
  // As backup never writes to stdout, restore never reads stdin: a backup is a file.
  if (file === '-')
    throw new B3iqError('E_USAGE', 'restore reads a backup file, not stdin.', { hint: 'Give its path: b3iq restore FILE (a file named - : b3iq restore ./-)' });
  const { MAX_BACKUP_BYTES } = await import('../../backup/archive.js');
  const { restoreBackup } = await import('../../backup/restore.js');
  const data = readAll(file, MAX_BACKUP_BYTES);
  const r = await restoreBackup(ctx.home, data, { dryRun: opts.dryRun === true, force: opts.force === true, clock: ctx.clock });
  const { revived, ...summary } = r;
  ctx.out.data({ home: ctx.home, ...summary, dryRun: opts.dryRun === true }, () => undefined);
  if (revived.length > 0) {
    const where = opts.dryRun ? 'the home this would replace; they would be' : 'the home this replaced; they are';
    ctx.out.warn(`${revived.length} credential(s) were revoked or used in ${where} live again from the backup. Revoke them again: ${revokeCommands(revived)}`);
  }
  const what = `${r.files} files, node ${r.nodeId}, ${r.credentials} credential record(s), ${r.auditEntries} audit entries, taken ${r.createdAt}`;
  if (opts.dryRun) ctx.out.success(`The backup is intact and consistent (${what}); nothing was changed.`);
  else ctx.out.success(`Restored ${ctx.home} (${what}).`);
  if (r.previousHome) ctx.out.info(`The home it replaced was moved to ${r.previousHome}.`);
  for (const e of r.excluded) ctx.out.info(`Not in the backup: ${e}.`);
}
