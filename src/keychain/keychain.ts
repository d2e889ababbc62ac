/**
 * The OS keychain behind an interface (placeholder until the keychain work lands):
 * every backend answers the same four calls.
 */
export type KeychainBackendName = 'keytar' | 'file' | 'off';

export interface Keychain {
  readonly backend: KeychainBackendName;
  /** Where secrets are kept, for status output (never a secret). */
  describe(): string;
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export interface OpenKeychainOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  warn: (msg: string) => void;
}

export async function openKeychain(_opts: OpenKeychainOptions): Promise<Keychain> {
  throw new Error('keychain: not implemented yet');
}
