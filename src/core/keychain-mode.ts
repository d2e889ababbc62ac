import { B3iqError } from './errors.js';

/** B3IQ_KEYCHAIN: `auto` (default), `on` or `off`; anything else is a usage error (exit 2) for every command. */
export type KeychainMode = 'auto' | 'on' | 'off';

export function keychainModeOf(env: NodeJS.ProcessEnv): KeychainMode {
  const v = (env.B3IQ_KEYCHAIN ?? '').trim().toLowerCase();
  if (v === '' || v === 'auto') return 'auto';
  if (v === 'on' || v === 'off') return v;
  throw new B3iqError('E_USAGE', 'B3IQ_KEYCHAIN must be auto, on or off.', {
    hint: 'auto (default): the OS keychain if reachable, else 0600 files; on: require it; off: files only.',
  });
}
