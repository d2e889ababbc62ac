// The test entry point (`npm test`): node's test runner over test/unit and test/e2e, then
// the keychain suite inside its own D-Bus session with an unlocked gnome-keyring.
import { spawnSync } from 'node:child_process';
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
let status = 0;
if (list.length > 0) {
  const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=120000', ...list], { stdio: 'inherit', cwd: root });
  status = r.status ?? 1;
}

const keychainRunner = join(root, 'test', 'keychain', 'run-in-session.sh');
if (only.length === 0 && existsSync(keychainRunner)) {
  const r = spawnSync('bash', [keychainRunner], { stdio: 'inherit', cwd: root });
  if ((r.status ?? 1) !== 0) status = r.status ?? 1;
}
process.exit(status);
