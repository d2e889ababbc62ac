import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KeytarUnavailable } from './keytar-client.js';

/**
 * Why the OS keychain could not be used, each with the fix for that reason: telling an
 * operator to start gnome-keyring when keytar was never built helps no one.
 */
export type UnavailableKind = 'keytar-missing' | 'no-session-bus' | 'locked' | 'timeout' | 'other';

export interface Unavailable {
  kind: UnavailableKind;
  /** What went wrong, in a few words (never a secret). */
  reason: string;
  /** What to do about it. */
  fix: string;
}

const FIXES: Record<UnavailableKind, string> = {
  'keytar-missing':
    'install libsecret (Debian/Ubuntu: apt-get install libsecret-1-dev), then reinstall (npm ci, or npm rebuild keytar) so the optional keytar module is built',
  'no-session-bus':
    'run b3iq inside a desktop session, or start a D-Bus session with an unlocked keyring (docs/keychain.md: "Headless Linux with a real keyring")',
  locked: 'unlock the keyring (log in to the desktop, or gnome-keyring-daemon --unlock with its password on stdin) and retry',
  timeout: 'the Secret Service is hung or waiting for an unlock dialog: check its daemon, or raise B3IQ_KEYCHAIN_TIMEOUT_MS',
  other: 'check that a Secret Service is running and its keyring unlocked, then retry',
};

export function unavailableBecause(kind: UnavailableKind, reason: string): Unavailable {
  return { kind, reason, fix: FIXES[kind] };
}

/**
 * True when the optional keytar module was installed and built (npm skips it when libsecret
 * is missing; `--ignore-scripts` leaves it without its native part). Two file lookups, no load.
 */
export function keytarInstalled(): boolean {
  try {
    const main = createRequire(import.meta.url).resolve('keytar'); // …/keytar/lib/keytar.js
    return fs.existsSync(path.join(path.dirname(main), '..', 'build', 'Release', 'keytar.node'));
  } catch {
    return false;
  }
}

/**
 * On Linux, libsecret needs a D-Bus session bus: without DBUS_SESSION_BUS_ADDRESS, a
 * $XDG_RUNTIME_DIR/bus socket or an X display to autolaunch one, it cannot answer, and
 * we know so without starting anything.
 */
export function noSessionBus(env: NodeJS.ProcessEnv): Unavailable | undefined {
  if (process.platform !== 'linux') return undefined;
  if (env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  if (env.DISPLAY) return undefined;
  if (env.XDG_RUNTIME_DIR) {
    try {
      if (fs.statSync(path.join(env.XDG_RUNTIME_DIR, 'bus')).isSocket()) return undefined;
    } catch {
      /* none */
    }
  }
  return unavailableBecause('no-session-bus', 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)');
}

/** Names the reason behind a keytar failure (its messages come from libsecret and D-Bus). */
export function classify(e: unknown): Unavailable {
  const text = e instanceof Error ? e.message : String(e);
  if (e instanceof KeytarUnavailable && e.timedOut) return unavailableBecause('timeout', text);
  if (/keytar is not (installed|available)/i.test(text))
    return unavailableBecause('keytar-missing', 'keytar is not installed (it is built against libsecret at install time)');
  if (/locked/i.test(text)) return unavailableBecause('locked', `the keyring is locked (${text})`);
  if (/session bus|DBUS_SESSION_BUS_ADDRESS|autolaunch/i.test(text)) return unavailableBecause('no-session-bus', `no D-Bus session bus (${text})`);
  return unavailableBecause('other', text);
}
