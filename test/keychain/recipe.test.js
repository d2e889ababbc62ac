// The "Headless Linux with a real keyring" recipe in docs/keychain.md, run as written: the
// bash block is taken from the doc, `b3iq` is this checkout's binary on PATH, and the
// recipe makes its own scratch HOME, XDG_DATA_HOME and XDG_RUNTIME_DIR. It must store the
// gateway key in a real (gnome-keyring) keyring, and leave the account's own keyrings alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { generateToken } from '../../dist/core/tokens.js';

const tools = ['dbus-run-session', 'gnome-keyring-daemon'].every((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0);
let keytar = true;
try {
  await import('keytar');
} catch {
  keytar = false;
}
const skip = tools && keytar ? false : 'needs dbus-run-session, gnome-keyring and keytar (run test/keychain/run-in-session.sh)';

/** The first bash block after `heading` in a markdown file. */
export function bashBlockAfter(file, heading) {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(heading);
  assert.ok(at >= 0, `${heading} is in ${file}`);
  const m = /```bash\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(m, `a bash block follows ${heading}`);
  return m[1];
}

const keyrings = (home) => {
  const dir = join(home, '.local', 'share', 'keyrings');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

test('docs/keychain.md: the headless recipe runs as written and uses a real, scratch keyring', { skip }, (t) => {
  const recipe = bashBlockAfter(join(ROOT, 'docs', 'keychain.md'), '## Headless Linux with a real keyring');
  const work = tempDir('b3iq-recipe-');
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const shim = join(work, 'bin');
  mkdirSync(shim);
  writeFileSync(join(shim, 'b3iq'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shim, 'b3iq'), 0o755);
  const key = generateToken('gateway');
  writeFileSync(join(work, 'gateway-key-file'), key + '\n', { mode: 0o600 });
  // The account running the recipe: its own keyrings must be untouched afterwards.
  const account = join(work, 'account');
  mkdirSync(account);
  const before = keyrings(account);
  const env = {
    PATH: `${shim}:${process.env.PATH}`,
    HOME: account,
    KEYRING_PASSWORD: 'b3iq-recipe-keyring',
    TMPDIR: work,
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
  };
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', `${recipe}\necho "SCRATCH=$HOME"`], {
    cwd: work,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.equal(r.status, 0, `recipe failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /hosted gateway key: present, in the OS keychain/);
  assert.doesNotMatch(r.stdout + r.stderr, /locked collection|file fallback/);
  assert.ok(!(r.stdout + r.stderr).includes(key), 'the key is never printed');
  const scratch = /SCRATCH=(.+)/.exec(r.stdout)[1].trim();
  assert.ok(scratch.startsWith(work), `the scratch HOME is under the test's folder: ${scratch}`);
  assert.ok(
    keyrings(scratch).some((f) => f.endsWith('.keyring')),
    'the keyring was created in the scratch XDG_DATA_HOME',
  );
  assert.deepEqual(keyrings(account), before, "the account's own keyrings are untouched");
  assert.equal(existsSync(join(scratch, '.config', 'b3iq', 'keychain', 'gateway-key.json')), false, 'not in the file fallback');
});
