import * as fs from 'node:fs';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { B3iqError } from '../../core/errors.js';
import { checkHome } from '../../home/home.js';
import { writeAllAndClose } from '../../fs/files.js';
import { claimOutFile } from '../one-time.js';

export interface BackupOptions {
  out?: string;
}

export function configure(cmd: Command): Command {
  return cmd.requiredOption('--out <file>', 'the backup to create: a new 0600 file, never overwritten');
}

/**
 * A consistent copy of the whole home (records, journal, owner, audit log, node identity,
 * clock mark), taken under the lock; keychain-held secrets are not included and the
 * backup says so. The file holds token hashes: 0600, created exclusively.
 */
export async function run(opts: BackupOptions, ctx: Context): Promise<void> {
  if (opts.out === '-' || opts.out === '') throw new B3iqError('E_USAGE', '--out needs a file name; a backup is not written to stdout.');
  checkHome(ctx.home, { mustExist: true });
  const target = claimOutFile(ctx, opts.out!);
  const { takeBackup } = await import('../../backup/archive.js');
  let text: string;
  try {
    const doc = await takeBackup(ctx.home, ctx.clock);
    text = `${JSON.stringify(doc)}\n`;
    writeAllAndClose(target.fd, text);
    target.written = true;
    const summary = {
      file: target.file,
      createdAt: doc.createdAt,
      files: doc.files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
      excluded: doc.excluded,
      digest: doc.digest,
    };
    ctx.out.data(summary, () => undefined);
    ctx.out.success(`Backed up ${doc.files.length} files of ${ctx.home} to ${target.file} (0600; it holds token hashes: keep it private).`);
    for (const e of doc.excluded) ctx.out.info(`Not included: ${e}.`);
  } catch (e) {
    if (!target.written) {
      try {
        fs.closeSync(target.fd);
      } catch {
        /* closed */
      }
    }
    fs.rmSync(target.file, { force: true });
    throw e;
  }
}
