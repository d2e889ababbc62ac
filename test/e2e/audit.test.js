// b3iq audit end to end: entries without secrets, and --verify on a chain altered by one character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { run, ok, initHome, issueKey } from '../harness/index.js';

test('audit shows every state change, never a token or a token hash', async (t) => {
  const home = await initHome(t);
  const a = await issueKey(home, [], 'alpha');
  await ok(['keys', 'revoke', a.id, '--reason', 'test'], { home });
  const r = await ok(['audit', '--json'], { home });
  const entries = JSON.parse(r.stdout);
  assert.deepEqual(
    entries.map((e) => e.action),
    ['init', 'keys.create', 'keys.revoke'],
  );
  assert.equal(entries[1].id, a.id);
  const hash = createHash('sha256').update(a.token).digest('hex');
  for (const text of [r.stdout, readFileSync(join(home, 'audit.log'), 'utf8'), (await ok(['audit'], { home })).stdout]) {
    assert.ok(!text.includes(a.token));
    assert.ok(!text.includes(hash));
  }
  const human = (await ok(['audit'], { home })).stdout;
  assert.match(human, /^SEQ +TIME +ACTION/);
  assert.match(human, new RegExp(`keys\\.revoke +${a.id}`));
});

test('--verify passes, then fails naming the line after one changed character', async (t) => {
  const home = await initHome(t);
  await issueKey(home, [], 'alpha');
  await issueKey(home, [], 'beta');
  const good = await run(['audit', '--verify', '--json'], { home });
  assert.equal(good.code, 0, good.stderr);
  assert.deepEqual(JSON.parse(good.stdout), { ok: true, entries: 3 });

  const file = join(home, 'audit.log');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, original.replace('"name":"beta"', '"name":"bets"'));
  const bad = await run(['audit', '--verify', '--json'], { home });
  assert.equal(bad.code, 1);
  const doc = JSON.parse(bad.stdout);
  assert.equal(doc.ok, false);
  assert.equal(doc.line, 3);
  const human = await run(['audit', '--verify'], { home });
  assert.equal(human.code, 1);
  assert.match(human.stderr, /line 3/);

  // A removed line and a reordering are caught too.
  const lines = original.trimEnd().split('\n');
  writeFileSync(file, [lines[0], lines[2]].join('\n') + '\n');
  assert.equal(JSON.parse((await run(['audit', '--verify', '--json'], { home })).stdout).line, 2);
  writeFileSync(file, [lines[0], lines[2], lines[1]].join('\n') + '\n');
  assert.equal((await run(['audit', '--verify'], { home })).code, 1);
  rmSync(file);
  const gone = await run(['audit', '--verify', '--json'], { home });
  assert.equal(gone.code, 1);
  assert.match(JSON.parse(gone.stdout).problem, /missing/);
});

test('audit before init exits 3', async (t) => {
  const { tempDir } = await import('../harness/index.js');
  const r = await run(['audit'], { home: join(tempDir(), 'none') });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /E_NOT_INITIALISED/);
});
