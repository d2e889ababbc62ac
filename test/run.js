// The test entry point (`npm test`): node's test runner over test/unit and test/e2e, and,
// at the same time, the keychain suite inside its own D-Bus session with an unlocked
// gnome-keyring. The keychain suite mostly waits (helper processes, a Secret Service that
// never answers), so it runs alongside; its output is held and printed after the main
// suites' so the two reports do not interleave.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

function files(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const suites = only.length > 0 ? only : ['test/unit', 'test/e2e'];
const list = suites.flatMap((s) => (s.endsWith('.js') ? [join(root, s)] : files(join(root, s))));
/** Runs a command; resolves its exit status (1 when it died of a signal). */
function exec(cmd, args, stdio) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio, cwd: root });
    const held = [];
    child.stdout?.on('data', (d) => held.push(d));
    child.stderr?.on('data', (d) => held.push(d));
    child.on('error', () => resolve({ status: 1, held }));
    child.on('close', (code) => resolve({ status: code ?? 1, held }));
  });
}

const keychainRunner = join(root, 'test', 'keychain', 'run-in-session.sh');
const keychain = only.length === 0 && existsSync(keychainRunner) ? exec('bash', [keychainRunner], ['ignore', 'pipe', 'pipe']) : undefined;
let status = 0;
if (list.length > 0) {
  status = (await exec(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=120000', ...list], 'inherit')).status;
}
if (keychain) {
  const k = await keychain;
  process.stdout.write(Buffer.concat(k.held));
  if (k.status !== 0) status = k.status;
}
process.exit(status);
