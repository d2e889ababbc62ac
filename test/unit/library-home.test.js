// The library resolves the home as the CLI does: openStore() and initHome() without a home
// use B3IQ_HOME (else the platform config directory), and initHome takes openStore's options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { initHome, openStore } from '../../dist/index.js';
import { tempDir } from '../helpers/cli.js';

test('openStore() and initHome({}) without a home use B3IQ_HOME, as the CLI does', async (t) => {
  const dir = tempDir();
  const home = join(dir, 'home');
  const saved = process.env.B3IQ_HOME;
  t.after(() => {
    if (saved === undefined) delete process.env.B3IQ_HOME;
    else process.env.B3IQ_HOME = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  process.env.B3IQ_HOME = home;
  const made = await initHome({});
  assert.equal(made.home ?? home, home);
  assert.ok(existsSync(join(home, 'node.json')));
  const store = await openStore();
  try {
    assert.equal(store.home, home);
    const { token } = await store.issueLocalKey({ name: 'runtime', scopes: ['inference'], expiresIn: '1h' });
    assert.equal(store.verifyLocalKey(token).valid, true);
  } finally {
    store.close();
  }
});

test('initHome takes openStore-style options ({ home }) as well as a path', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const home = join(dir, 'h');
  await initHome({ home });
  const again = await initHome(home);
  assert.equal(again.created, false, 'idempotent, the same home');
  const store = await openStore({ home, live: false });
  store.close();
  await assert.rejects(openStore({ home: '' }), { code: 'E_USAGE' });
});
