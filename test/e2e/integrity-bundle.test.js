// Integrity (issue: record 8): a support bundle leaves every b3iq home out by identity:
// a hard link to a file of the config home (same device and inode) inside a --logs
// folder, and any folder that is a b3iq home by its records, whatever its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { relative } from 'node:path';
import * as tar from 'tar';
import { ok, initHome, issueKey, tempDir, readTree } from '../helpers/cli.js';

/** Every file of the archive by its path inside it. */
async function unpackTarGz(file) {
  const out = tempDir('b3iq-unpack-');
  await tar.x({ file, cwd: out });
  return Object.fromEntries(readTree(out).map((f) => [relative(out, f.path), f.data]));
}

async function bundle(home, logs) {
  const out = join(tempDir(), 'b.tar.gz');
  const r = await ok(['support', 'bundle', ...logs.flatMap((l) => ['--logs', l]), '--out', out, '--json'], { home, env: { B3IQ_KEYCHAIN: 'off' } });
  const files = await unpackTarGz(out);
  const manifest = JSON.parse(
    Object.entries(files)
      .find(([n]) => n.endsWith('manifest.json'))[1]
      .toString('utf8'),
  );
  return {
    doc: JSON.parse(r.stdout),
    files,
    manifest,
    all: Object.values(files)
      .map((b) => b.toString('utf8'))
      .join('\n'),
  };
}

test('a hard link to credentials.json inside a --logs folder is left out and listed', async (t) => {
  const home = await initHome(t);
  await issueKey(home, [], 'k');
  const hash = JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8')).credentials[0].hash.slice(7);
  const logs = join(home, '..', 'logs');
  mkdirSync(logs);
  writeFileSync(join(logs, 'app.log'), 'INFO started\n');
  linkSync(join(home, 'credentials.json'), join(logs, 'records.json'));
  linkSync(join(home, 'audit.log'), join(logs, 'audit-copy.log'));
  for (const given of [[logs], [join(logs, 'records.json')]]) {
    const b = await bundle(home, given);
    assert.ok(!b.all.includes(hash), `the token hash is in the bundle (--logs ${given})`);
    assert.ok(!Object.keys(b.files).some((n) => n.includes('records')), Object.keys(b.files).join(' '));
    assert.ok(
      b.manifest.leftOut.some((l) => l.path.includes('records.json') && /config home/.test(l.reason)),
      JSON.stringify(b.manifest.leftOut),
    );
  }
  const b = await bundle(home, [logs]);
  assert.ok(Object.keys(b.files).some((n) => n.endsWith('app.log')));
  assert.ok(b.manifest.leftOut.some((l) => l.path.includes('audit-copy.log') && /config home/.test(l.reason)));
});

test('another b3iq home named with --logs (or inside a logs folder) is left out by its records, not its name', async (t) => {
  const home = await initHome(t);
  const other = await initHome(t);
  await issueKey(other, [], 'theirs');
  const hash = JSON.parse(readFileSync(join(other, 'credentials.json'), 'utf8')).credentials[0].hash.slice(7);
  const logs = join(tempDir(), 'var-log');
  mkdirSync(logs);
  writeFileSync(join(logs, 'app.log'), 'INFO started\n');
  cpSync(other, join(logs, 'innocent-name'), { recursive: true });
  for (const given of [[other], [logs], [join(other, 'credentials.json')]]) {
    const b = await bundle(home, given);
    assert.ok(!b.all.includes(hash), `another home's token hash is in the bundle (--logs ${given})`);
    assert.ok(!Object.keys(b.files).some((n) => /credentials|node\.json/.test(n)), Object.keys(b.files).join(' '));
    assert.ok(
      b.manifest.leftOut.some((l) => /b3iq config home/.test(l.reason)),
      JSON.stringify(b.manifest.leftOut),
    );
  }
});
