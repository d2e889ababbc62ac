import * as fs from 'node:fs';
import * as path from 'node:path';
import { B3iqError, errnoCode } from '../core/errors.js';
import { ensurePrivateDir, fsyncDir, readFileNoFollow, writeFileAtomic } from '../fs/files.js';
import { locked } from '../home/home.js';
import { homeFile } from '../home/paths.js';

/**
 * The keychain's file fallback: one 0600 JSON file per secret under `<home>/keychain/`
 * (0700), written atomically (temp file, fsync, rename, no-follow) under the home's lock,
 * read with O_NOFOLLOW. Protection is the file mode and the operator's account, no more:
 * exactly what `auto` warns about when it falls back here.
 */
export const KEYCHAIN_FILE_SCHEMA_VERSION = 1;

/** Account names: `gateway-key`, `local-key:lk_…`. ':' maps to '.', which names never contain. */
export const ACCOUNT_RE = /^[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_-]{1,64})?$/;

export function checkAccount(account: string): string {
  if (typeof account !== 'string' || !ACCOUNT_RE.test(account)) {
    throw new B3iqError('E_USAGE', 'Invalid keychain entry name.', { hint: 'Entry names are letters, digits, _ and -, with one optional ":" part.' });
  }
  return account;
}

interface EntryDoc {
  schemaVersion: number;
  account: string;
  secret: string;
  savedAt: string;
}

export class FileSecrets {
  readonly dir: string;

  constructor(
    readonly home: string,
    private readonly warn: (msg: string) => void,
  ) {
    this.dir = homeFile(home, 'keychainDir');
  }

  fileFor(account: string): string {
    return path.join(this.dir, `${checkAccount(account).replace(':', '.')}.json`);
  }

  /** Writes go through the home's one write path (lock, temp-file sweep). */
  private async locked<T>(fn: () => T): Promise<T> {
    return locked(this.home, { clock: Date.now }, () => fn());
  }

  async get(account: string): Promise<string | undefined> {
    const file = this.fileFor(account);
    // Readable by others: still read (the warning below says to treat it as exposed).
    const r = readFileNoFollow(file, { readableOk: true });
    if (!r) return undefined;
    if ((r.stat.mode & 0o077) !== 0) {
      this.warn(`${file} is readable by group or others (mode ${(r.stat.mode & 0o777).toString(8)}): treat the secret in it as exposed and chmod 600 it.`);
    }
    let doc: EntryDoc;
    try {
      doc = JSON.parse(r.data.toString('utf8')) as EntryDoc;
    } catch {
      throw new B3iqError('E_CORRUPT', `${file} is corrupt (not valid JSON); it was left untouched.`, { hint: 'Remove it and store the secret again.' });
    }
    if (typeof doc !== 'object' || doc === null || typeof doc.secret !== 'string' || doc.account !== account || typeof doc.schemaVersion !== 'number') {
      throw new B3iqError('E_CORRUPT', `${file} is corrupt (unexpected content); it was left untouched.`, { hint: 'Remove it and store the secret again.' });
    }
    if (doc.schemaVersion > KEYCHAIN_FILE_SCHEMA_VERSION) {
      throw new B3iqError('E_SCHEMA_NEWER', `${file} was written by a newer b3iq; it was left untouched.`, { hint: 'Upgrade b3iq-operator.' });
    }
    return doc.secret;
  }

  async set(account: string, secret: string): Promise<void> {
    const file = this.fileFor(account);
    const doc: EntryDoc = { schemaVersion: KEYCHAIN_FILE_SCHEMA_VERSION, account, secret, savedAt: new Date().toISOString() };
    await this.locked(() => {
      ensurePrivateDir(this.dir);
      writeFileAtomic(file, JSON.stringify(doc) + '\n');
    });
  }

  async delete(account: string): Promise<boolean> {
    const file = this.fileFor(account);
    return this.locked(() => {
      try {
        // unlink never follows: a symlink planted here is removed, its target untouched.
        fs.unlinkSync(file);
      } catch (e) {
        if (errnoCode(e) === 'ENOENT') return false;
        throw new B3iqError('E_IO', `Cannot remove ${file} (${errnoCode(e) ?? 'error'}).`);
      }
      fsyncDir(this.dir);
      return true;
    });
  }
}
