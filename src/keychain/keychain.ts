import { B3iqError } from '../core/errors.js';
import { keychainModeOf, type KeychainMode } from '../core/keychain-mode.js';
import { readFileNoFollow } from '../fs/files.js';
import { homeFile } from '../home/paths.js';
import { notInitialised } from '../home/node.js';
import { checkAccount, FileSecrets } from './file-backend.js';
import { KeytarClient } from './keytar-client.js';
import { classify, keytarInstalled, noSessionBus, unavailableBecause, type Unavailable } from './reasons.js';

/**
 * The OS keychain behind one interface (docs/keychain.md). Two backends:
 *  - keytar (libsecret's Secret Service on Linux, Keychain on macOS, Credential Vault on
 *    Windows), run in a helper child process with every call under a timeout;
 *  - 0600 files under `<home>/keychain/` (file-backend.ts).
 * B3IQ_KEYCHAIN=auto (default) uses keytar when it answers, else the files (a one-line
 * warning when a secret is stored); `on` requires keytar and fails with E_KEYCHAIN_UNAVAILABLE (exit 3) in bounded
 * time; `off` never starts keytar at all.
 *
 * Entries: keytar service "b3iq", account "<nodeId>/<name>" so two homes (two nodes) on
 * one login never share an entry; names are `gateway-key`, `local-key:<id>`.
 */
export type KeychainBackendName = 'keytar' | 'file' | 'off';
export type { KeychainMode };
/** Where a secret was actually kept: the OS keychain, or a 0600 file (with its path). */
export type SavedWhere = { backend: 'keytar' } | { backend: 'file'; file: string; reason: string };
/** What a removal found and removed: the keychain entry, and/or the fallback file (its path). */
export interface Removed {
  keytar: boolean;
  file: string | undefined;
}

export interface Keychain {
  readonly backend: KeychainBackendName;
  /** The B3IQ_KEYCHAIN mode this keychain was opened under. */
  readonly mode: KeychainMode;
  /** Why `auto` fell back to files (no keychain reachable), if it did. */
  readonly fallbackReason: string | undefined;
  /** Where secrets are kept, for status output (never a secret). */
  describe(): string;
  get(account: string): Promise<string | undefined>;
  /** Stores the secret; says truthfully where it went (auto may fall back to a file). */
  set(account: string, secret: string): Promise<SavedWhere>;
  /** Removes the entry wherever this keychain can see it (keychain and file fallback). */
  delete(account: string): Promise<boolean>;
  /** delete(), saying where the entry was found. */
  remove(account: string): Promise<Removed>;
  /** The secret and where it was found. */
  find(account: string): Promise<{ secret: string; backend: 'keytar' | 'file' } | undefined>;
  /** Lets a keytar helper process exit; the keychain stays usable (a new one starts). */
  close(): void;
}

export interface OpenKeychainOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  warn: (msg: string) => void;
  /** Tests: the helper command to run instead of `node keytar-helper.js`. */
  helperCommand?: readonly string[];
}

export const KEYCHAIN_SERVICE = 'b3iq';
export const DEFAULT_TIMEOUT_MS = 3_000;
const PROBE_ACCOUNT = '__b3iq_probe__';

export const keychainMode = keychainModeOf;

export function keychainTimeoutMs(env: NodeJS.ProcessEnv): number {
  const v = Number(env.B3IQ_KEYCHAIN_TIMEOUT_MS);
  return Number.isFinite(v) && v >= 100 ? Math.min(v, 60_000) : DEFAULT_TIMEOUT_MS;
}

/** The node id names this home's entries; a home without one is not initialised. */
function nodeIdOf(home: string): string {
  const file = homeFile(home, 'node');
  const r = readFileNoFollow(file);
  if (!r) throw notInitialised(home);
  try {
    const id = (JSON.parse(r.data.toString('utf8')) as { nodeId?: unknown }).nodeId;
    if (typeof id === 'string' && /^node_[0-9a-f]{8,64}$/.test(id)) return id;
  } catch {
    /* fall through */
  }
  throw new B3iqError('E_CORRUPT', `${file} is corrupt (no node id); it was left untouched.`, { hint: 'Restore it from a backup.' });
}

function unavailable(why: Unavailable): B3iqError {
  return new B3iqError('E_KEYCHAIN_UNAVAILABLE', `B3IQ_KEYCHAIN=on, but the OS keychain is unavailable: ${why.reason}.`, {
    hint: `To fix: ${why.fix}; or use B3IQ_KEYCHAIN=auto to fall back to 0600 files.`,
    details: { reason: why.kind },
  });
}

/** The one line `auto` prints when a secret goes to the file fallback: why, and the fix. */
function fallbackWarning(why: Unavailable, dir: string): string {
  return `no OS keychain (${why.reason}): the secret was kept in a 0600 file in ${dir} instead. To use the keychain: ${why.fix}. (B3IQ_KEYCHAIN=off keeps files without this warning.)`;
}

class FileKeychain implements Keychain {
  readonly backend = 'file' as const;
  constructor(
    readonly mode: KeychainMode,
    private readonly files: FileSecrets,
    private readonly why: Unavailable | undefined,
    private readonly warn: (msg: string) => void,
  ) {}
  get fallbackReason(): string | undefined {
    return this.why?.reason;
  }
  describe(): string {
    const why = this.mode === 'off' || !this.why ? 'B3IQ_KEYCHAIN=off' : `no OS keychain: ${this.why.reason}; to fix: ${this.why.fix}`;
    return `file fallback, 0600 files in ${this.files.dir} (${why})`;
  }
  get(account: string): Promise<string | undefined> {
    return this.files.get(account);
  }
  async set(account: string, secret: string): Promise<SavedWhere> {
    checkSecret(secret);
    await this.files.set(account, secret);
    // Said once per secret stored, by the command that stored it; reading commands stay quiet.
    if (this.mode === 'auto' && this.why) this.warn(fallbackWarning(this.why, this.files.dir));
    return {
      backend: 'file',
      file: this.files.fileFor(account),
      reason: this.mode === 'off' || !this.why ? 'B3IQ_KEYCHAIN=off' : `no OS keychain: ${this.why.reason}`,
    };
  }
  async delete(account: string): Promise<boolean> {
    const r = await this.remove(account);
    return r.keytar || r.file !== undefined;
  }
  async remove(account: string): Promise<Removed> {
    return { keytar: false, file: (await this.files.delete(account)) ? this.files.fileFor(account) : undefined };
  }
  async find(account: string) {
    const secret = await this.files.get(account);
    return secret === undefined ? undefined : { secret, backend: 'file' as const };
  }
  close(): void {}
}

class KeytarKeychain implements Keychain {
  readonly backend = 'keytar' as const;
  readonly fallbackReason = undefined;
  constructor(
    readonly mode: KeychainMode,
    private readonly client: KeytarClient,
    private readonly nodeId: string,
    private readonly files: FileSecrets,
    private readonly warn: (msg: string) => void,
  ) {}

  private account(name: string): string {
    return `${this.nodeId}/${checkAccount(name)}`;
  }

  private wrap(e: unknown, what: string): B3iqError {
    if (e instanceof B3iqError) return e;
    const why = classify(e);
    return new B3iqError('E_KEYCHAIN_UNAVAILABLE', `The OS keychain failed to ${what}: ${why.reason}.`, {
      hint: `To fix: ${why.fix}.`,
      details: { reason: why.kind },
    });
  }

  describe(): string {
    return `OS keychain via keytar (service "${KEYCHAIN_SERVICE}", accounts "${this.nodeId}/…")`;
  }

  async find(name: string) {
    let secret: string | undefined;
    try {
      const v = await this.client.call('get', KEYCHAIN_SERVICE, this.account(name));
      secret = typeof v === 'string' ? v : undefined;
    } catch (e) {
      throw this.wrap(e, 'read an entry');
    }
    if (secret !== undefined) return { secret, backend: 'keytar' as const };
    // Saved while no keychain was reachable (auto fell back): still this node's secret.
    const fromFile = await this.files.get(name);
    return fromFile === undefined ? undefined : { secret: fromFile, backend: 'file' as const };
  }

  async get(name: string): Promise<string | undefined> {
    return (await this.find(name))?.secret;
  }

  async set(name: string, secret: string): Promise<SavedWhere> {
    checkSecret(secret);
    try {
      await this.client.call('set', KEYCHAIN_SERVICE, this.account(name), secret);
    } catch (e) {
      if (this.mode === 'auto' && !(e instanceof B3iqError)) {
        // Reachable but refusing (a locked keyring with no one to unlock it): auto falls back.
        const why = classify(e);
        await this.files.set(name, secret);
        this.warn(fallbackWarning(why, this.files.dir));
        return { backend: 'file', file: this.files.fileFor(name), reason: `the OS keychain refused the entry: ${why.reason}` };
      }
      throw this.wrap(e, 'store an entry');
    }
    // One place only: an older copy in the file fallback would outlive a later logout/rotation.
    await this.files.delete(name);
    return { backend: 'keytar' };
  }

  async delete(name: string): Promise<boolean> {
    const r = await this.remove(name);
    return r.keytar || r.file !== undefined;
  }

  async remove(name: string): Promise<Removed> {
    let removed = false;
    try {
      removed = (await this.client.call('delete', KEYCHAIN_SERVICE, this.account(name))) === true;
    } catch (e) {
      throw this.wrap(e, 'remove an entry');
    }
    const fromFile = await this.files.delete(name);
    return { keytar: removed, file: fromFile ? this.files.fileFor(name) : undefined };
  }

  close(): void {
    this.client.close();
  }
}

function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > 4096) {
    throw new B3iqError('E_BAD_INPUT', 'A keychain secret is 1-4096 characters.');
  }
}

/**
 * Opens the keychain for `home` under B3IQ_KEYCHAIN. `auto` probes keytar once (one
 * round trip, bounded by B3IQ_KEYCHAIN_TIMEOUT_MS, default 3 s) and falls back to files
 * when it cannot be used, naming the reason (reasons.ts) in one warning per secret stored;
 * `on` throws E_KEYCHAIN_UNAVAILABLE instead; `off` starts nothing.
 */
export async function openKeychain(opts: OpenKeychainOptions): Promise<Keychain> {
  const mode = keychainMode(opts.env);
  const nodeId = nodeIdOf(opts.home);
  const files = new FileSecrets(opts.home, opts.warn);
  if (mode === 'off') return new FileKeychain(mode, files, undefined, opts.warn);

  // `auto` says nothing here: the warning comes with the first secret stored (FileKeychain.set).
  const fallback = (why: Unavailable): Keychain => {
    if (mode === 'on') throw unavailable(why);
    return new FileKeychain(mode, files, why, opts.warn);
  };

  // The most basic reason first: without keytar, a missing bus is beside the point.
  if (!opts.helperCommand && !keytarInstalled())
    return fallback(unavailableBecause('keytar-missing', 'keytar is not installed (it is built against libsecret at install time)'));
  const noBus = opts.helperCommand ? undefined : noSessionBus(opts.env);
  if (noBus) return fallback(noBus);
  const client = new KeytarClient(opts.env, keychainTimeoutMs(opts.env), opts.helperCommand);
  try {
    await client.call('probe', KEYCHAIN_SERVICE, `${nodeId}/${PROBE_ACCOUNT}`);
  } catch (e) {
    client.close();
    return fallback(classify(e));
  }
  return new KeytarKeychain(mode, client, nodeId, files, opts.warn);
}
