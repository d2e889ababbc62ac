import { createRequire } from 'node:module';
import * as path from 'node:path';
import { B3iqError } from '../core/errors.js';

// env-paths only when no home is given: at load it copies node:path, node:os and
// node:process into module namespaces and asks for the home folder (start-up).
const requireModule = createRequire(import.meta.url);
/**
 * env-paths' config dir for `b3iq`, read from `env` (the CLI's environment, which a caller
 * such as an in-process run may give apart from process.env). On Linux and the other XDG
 * systems that is $XDG_CONFIG_HOME/b3iq, else $HOME/.config/b3iq, as env-paths decides.
 */
function defaultHome(env: NodeJS.ProcessEnv): string {
  if (process.platform !== 'darwin' && process.platform !== 'win32') {
    if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, 'b3iq');
    if (env.HOME) return path.join(env.HOME, '.config', 'b3iq');
  }
  const { default: envPaths } = requireModule('env-paths') as typeof import('env-paths');
  return envPaths('b3iq', { suffix: '' }).config;
}

/** Config home: --home > B3IQ_HOME > env-paths' config dir for `b3iq` (no suffix). */
export function resolveHome(flagHome: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  // An empty --home is usually an unset variable (`--home "$DIR"`): acting on the default home instead would be a surprise.
  if (flagHome !== undefined && flagHome.trim() === '') throw new B3iqError('E_USAGE', 'The config directory path given is empty.', { next: 'home-real-dir' });
  const chosen = flagHome || env.B3IQ_HOME || defaultHome(env);
  return path.resolve(cwd, chosen);
}

export const FILES = {
  node: 'node.json',
  credentials: 'credentials.json',
  owner: 'owner.json',
  enrollment: 'enrollment.json',
  audit: 'audit.log',
  clock: 'clock.json',
  lock: 'lock',
  keychainDir: 'keychain',
} as const;

export function homeFile(home: string, name: keyof typeof FILES): string {
  return path.join(home, FILES[name]);
}
