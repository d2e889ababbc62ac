// The in-process harness (test/harness/) is only as isolated as the seam it drives: the
// CLI must reach the environment, the working folder, the streams and the exit code only
// through `io` and main()'s return value. This fails when a new process-global read or
// write appears in src/ outside the few places that are process-wide by nature.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const GLOBAL = /\bprocess\.(env|cwd|chdir|umask|stdin|stdout|stderr|exitCode|exit|on|once|off)\b/g;

/** file → why it may touch the process itself. */
const ALLOWED = {
  'src/cli/process-io.ts': 'the one door to the real process: main() gets it only when no io is given',
  'src/keychain/keytar-helper.ts': 'runs as a process of its own (the keytar helper), speaking on its stdio',
  'src/bundle/index.ts': 'SIGINT/SIGTERM during a bundle remove its partial archive: signals are process-wide',
  'src/redact/rules.ts': "the library's default config home when a caller gives none (the CLI always gives ctx.home)",
  'src/fs/lock.ts': "B3IQ_LOCK_TIMEOUT_MS for the library's lock (set only in spawned reliability tests)",
  'src/home/paths.ts': "resolveHome()'s defaults for library callers (the CLI passes io.env and io.cwd)",
  'src/cli/commands/ui.ts': 'b3iq ui serves until SIGINT/SIGTERM: signals are process-wide',
  'src/cli/complete-ids.ts': "the hidden completion fast path runs from bin/b3iq.js before main(), in the TAB's own process",
  // A library handler without io: its health checks read the serving process's history.
  // (operatorUI could take an env option as the CLI's commands get io.env.)
  'src/ui/health.ts': "the UI's doctor-like checks scan the serving process's shell history (HOME, HISTFILE)",
  'src/ui/enrollment.ts': "a network join checks the gateway key in the serving process's keychain (B3IQ_KEYCHAIN, the D-Bus session)",
};

function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

test('src/ touches process-wide state only where the seam allows it', () => {
  const offenders = [];
  for (const file of sources(join(ROOT, 'src'))) {
    const rel = relative(ROOT, file).split('\\').join('/');
    if (rel.startsWith('src/gen/') || ALLOWED[rel]) continue; // gen/: build-time generator, not the CLI
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*)/.test(line)) return; // comments may name them
      if (GLOBAL.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
      GLOBAL.lastIndex = 0;
    });
  }
  assert.deepEqual(offenders, [], 'read the environment, cwd and streams through ctx.io (src/cli/context.ts) instead');
});
