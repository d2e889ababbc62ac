// The keychain interface: modes, the file fallback, and keytar calls under a timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, existsSync, readdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { openKeychain, keychainMode } from '../../dist/keychain/keychain.js';
import { initHome as initStoreHome } from '../../dist/credentials/store.js';
import { tempDir, ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test', 'keychain', 'fixtures');
const SECRET = 'b3iq_gateway_' + 'A'.repeat(49);

async function home(t) {
  const h = join(tempDir(), 'home');
  await initStoreHome(h);
  return h;
}

function warnings() {
  const list = [];
  return { list, warn: (m) => list.push(m) };
}

test('modes: auto by default, on/off, anything else refused', () => {
  assert.equal(keychainMode({}), 'auto');
  assert.equal(keychainMode({ B3IQ_KEYCHAIN: 'ON' }), 'on');
  assert.equal(keychainMode({ B3IQ_KEYCHAIN: 'off' }), 'off');
  assert.throws(() => keychainMode({ B3IQ_KEYCHAIN: 'yes' }), { code: 'E_USAGE', exitCode: 2 });
});

test('off: file backend, 0600 files in a 0700 folder, set/get/find/delete', async (t) => {
  const h = await home(t);
  const w = warnings();
  const kc = await openKeychain({ home: h, env: { B3IQ_KEYCHAIN: 'off' }, warn: w.warn });
  assert.equal(kc.backend, 'file');
  assert.equal(await kc.get('gateway-key'), undefined);
  assert.equal(existsSync(join(h, 'keychain')), false, 'reads create nothing');
  await kc.set('gateway-key', SECRET);
  await kc.set('local-key:lk_abcdefgh123', 'other');
  assert.equal(statSync(join(h, 'keychain')).mode & 0o777, 0o700);
  for (const f of readdirSync(join(h, 'keychain'))) assert.equal(statSync(join(h, 'keychain', f)).mode & 0o777, 0o600, f);
  assert.equal(await kc.get('gateway-key'), SECRET);
  assert.deepEqual(await kc.find('local-key:lk_abcdefgh123'), { secret: 'other', backend: 'file' });
  assert.equal(await kc.delete('gateway-key'), true);
  assert.equal(await kc.delete('gateway-key'), false);
  assert.equal(await kc.get('gateway-key'), undefined);
  assert.match(kc.describe(), /B3IQ_KEYCHAIN=off/);
  assert.deepEqual(w.list, []);
});

test('file backend: entry names are checked, symlinks are never followed', async (t) => {
  const h = await home(t);
  const kc = await openKeychain({ home: h, env: { B3IQ_KEYCHAIN: 'off' }, warn: () => {} });
  for (const bad of ['../x', 'a/b', '', 'a:b:c', 'x'.repeat(65), 'a.b']) {
    await assert.rejects(kc.set(bad, 's'), { code: 'E_USAGE' }, bad);
  }
  mkdirSync(join(h, 'keychain'), { mode: 0o700 });
  const target = join(tempDir(), 'target');
  writeFileSync(target, 'untouched');
  symlinkSync(target, join(h, 'keychain', 'gateway-key.json'));
  await assert.rejects(kc.set('gateway-key', SECRET), { code: 'E_SYMLINK' });
  await assert.rejects(kc.get('gateway-key'), { code: 'E_SYMLINK' });
  assert.equal(readFileSync(target, 'utf8'), 'untouched');
  assert.equal(await kc.delete('gateway-key'), true, 'delete removes the link itself');
  assert.equal(readFileSync(target, 'utf8'), 'untouched');
});

test('file backend: a group-readable entry is read with a warning to treat it as exposed', async (t) => {
  const h = await home(t);
  const w = warnings();
  const kc = await openKeychain({ home: h, env: { B3IQ_KEYCHAIN: 'off' }, warn: w.warn });
  await kc.set('gateway-key', SECRET);
  chmodSync(join(h, 'keychain', 'gateway-key.json'), 0o640);
  assert.equal(await kc.get('gateway-key'), SECRET);
  assert.match(w.list.join('\n'), /readable by group or others/);
  assert.ok(!w.list.join('\n').includes(SECRET));
});

test('auto without a D-Bus session: file fallback, keytar never started; one warning per secret stored, none for reads', async (t) => {
  const h = await home(t);
  const w = warnings();
  const kc = await openKeychain({ home: h, env: {}, warn: w.warn });
  assert.equal(kc.backend, 'file');
  assert.equal(w.list.length, 0, 'opening (status, show, verify…) says nothing');
  assert.match(kc.fallbackReason, /D-Bus/);
  assert.match(kc.describe(), /no D-Bus session bus.*to fix: .*docs\/keychain\.md/);
  await kc.get('gateway-key');
  await kc.find('gateway-key');
  assert.equal(w.list.length, 0, 'reads say nothing');
  await kc.set('gateway-key', SECRET);
  assert.equal(w.list.length, 1);
  assert.match(w.list[0], /no OS keychain \(no D-Bus session bus.*0600 file.*To use the keychain: .*D-Bus session/);
  assert.ok(!w.list[0].includes(SECRET));
  await kc.get('gateway-key');
  await kc.delete('gateway-key');
  assert.equal(w.list.length, 1);
});

test('on without a D-Bus session: E_KEYCHAIN_UNAVAILABLE (exit 3) at once', async (t) => {
  const h = await home(t);
  const started = Date.now();
  await assert.rejects(openKeychain({ home: h, env: { B3IQ_KEYCHAIN: 'on' }, warn: () => {} }), { code: 'E_KEYCHAIN_UNAVAILABLE', exitCode: 3 });
  assert.ok(Date.now() - started < 2000);
});

test('a hung Secret Service: the call times out, the helper is killed, on fails with exit 3', async (t) => {
  const h = await home(t);
  const pidFile = join(tempDir(), 'pid');
  const started = Date.now();
  await assert.rejects(
    openKeychain({
      home: h,
      env: { B3IQ_KEYCHAIN: 'on', B3IQ_KEYCHAIN_TIMEOUT_MS: '400' },
      warn: () => {},
      helperCommand: [process.execPath, join(FIX, 'hung-helper.js'), pidFile],
    }),
    { code: 'E_KEYCHAIN_UNAVAILABLE', message: /did not answer within/ },
  );
  assert.ok(Date.now() - started < 6000, `${Date.now() - started} ms`);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  await new Promise((r) => setTimeout(r, 100));
  assert.throws(() => process.kill(pid, 0), 'the hung helper is gone');
});

test('a hung Secret Service in auto mode: the process falls back and exits on its own', async (t) => {
  const h = await home(t);
  const started = Date.now();
  const child = spawn(process.execPath, [join(FIX, 'open-with-hung-helper.js'), h, join(FIX, 'hung-helper.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((r) => child.on('close', r));
  assert.equal(code, 0, err);
  assert.equal(out.trim(), 'file');
  assert.match(err, /the OS keychain did not answer/);
  assert.ok(Date.now() - started < 8000, `exited after ${Date.now() - started} ms`);
});

test('keytar missing: the helper says so and auto falls back', async (t) => {
  const h = await home(t);
  const helper = join(tempDir(), 'no-keytar.js');
  writeFileSync(
    helper,
    `process.stdout.write(JSON.stringify({hello:true,ok:false,error:'keytar is not installed'})+'\\n'); process.stdin.resume(); process.stdin.on('end',()=>process.exit(0));`,
  );
  const w = warnings();
  const kc = await openKeychain({ home: h, env: {}, warn: w.warn, helperCommand: [process.execPath, helper] });
  assert.equal(kc.backend, 'file');
  await kc.set('gateway-key', SECRET);
  assert.match(w.list[0], /keytar is not installed.*libsecret-1-dev.*npm (ci|rebuild)/);
  assert.doesNotMatch(w.list[0], /D-Bus|gnome-keyring/, 'blames the real reason only');
  await assert.rejects(
    openKeychain({ home: h, env: { B3IQ_KEYCHAIN: 'on' }, warn: () => {}, helperCommand: [process.execPath, helper] }),
    (/** @type {any} */ e) =>
      e.code === 'E_KEYCHAIN_UNAVAILABLE' && e.details.reason === 'keytar-missing' && /libsecret-1-dev/.test(e.hint) && !/gnome-keyring/.test(e.hint),
  );
});

test('a locked collection: auto keeps the secret in a file and says to unlock; on fails (exit 3) saying to unlock', async (t) => {
  const h = await home(t);
  const helper = join(tempDir(), 'locked.js');
  writeFileSync(
    helper,
    `const rl=require('node:readline').createInterface({input:process.stdin});process.stdout.write(JSON.stringify({hello:true,ok:true})+'\\n');` +
      `rl.on('line',(l)=>{const r=JSON.parse(l);process.stdout.write(JSON.stringify(r.op==='set'?{id:r.id,ok:false,error:'Cannot create an item in a locked collection'}:{id:r.id,ok:true,value:null})+'\\n')});rl.on('close',()=>process.exit(0));`,
  );
  const w = warnings();
  const auto = await openKeychain({ home: h, env: {}, warn: w.warn, helperCommand: [process.execPath, helper] });
  assert.equal(auto.backend, 'keytar');
  assert.equal(w.list.length, 0);
  await auto.set('gateway-key', SECRET);
  assert.equal(w.list.length, 1);
  assert.match(w.list[0], /keyring is locked.*unlock the keyring/);
  assert.equal(await auto.get('gateway-key'), SECRET);
  auto.close();
  const on = await openKeychain({ home: h, env: { B3IQ_KEYCHAIN: 'on' }, warn: () => {}, helperCommand: [process.execPath, helper] });
  await assert.rejects(
    on.set('gateway-key', SECRET),
    (/** @type {any} */ e) => e.code === 'E_KEYCHAIN_UNAVAILABLE' && e.details.reason === 'locked' && /unlock the keyring/.test(e.hint),
  );
  on.close();
});

test('a timeout is named as one, with its own fix', async (t) => {
  const h = await home(t);
  const pidFile = join(tempDir(), 'pid');
  await assert.rejects(
    openKeychain({
      home: h,
      env: { B3IQ_KEYCHAIN: 'on', B3IQ_KEYCHAIN_TIMEOUT_MS: '300' },
      warn: () => {},
      helperCommand: [process.execPath, join(FIX, 'hung-helper.js'), pidFile],
    }),
    (/** @type {any} */ e) => e.details.reason === 'timeout' && /B3IQ_KEYCHAIN_TIMEOUT_MS/.test(e.hint),
  );
});

test('an uninitialised home has no keychain identity', async () => {
  await assert.rejects(openKeychain({ home: join(tempDir(), 'nope'), env: { B3IQ_KEYCHAIN: 'off' }, warn: () => {} }), { code: 'E_NOT_INITIALISED' });
});

test('a keychain that answers but refuses the entry: auto keeps it in a 0600 file and set() says so, with the path', async (t) => {
  const h = await home(t);
  const helper = join(tempDir(), 'refusing.js');
  writeFileSync(
    helper,
    `const rl = require('readline').createInterface({ input: process.stdin });
process.stdout.write(JSON.stringify({ hello: true, ok: true }) + '\\n');
rl.on('line', (l) => { const r = JSON.parse(l);
  const reply = r.op === 'set' ? { id: r.id, ok: false, error: 'Cannot create an item in a locked collection' } : { id: r.id, ok: true, value: r.op === 'delete' ? false : null };
  process.stdout.write(JSON.stringify(reply) + '\\n'); });
rl.on('close', () => process.exit(0));`,
  );
  const w = warnings();
  const kc = await openKeychain({ home: h, env: {}, warn: w.warn, helperCommand: [process.execPath, helper] });
  t.after(() => kc.close());
  assert.equal(kc.backend, 'keytar');
  const where = await kc.set('local-key:lk_AAAAAAAAAAAAA', SECRET.replace('gateway', 'local'));
  assert.equal(where.backend, 'file');
  assert.equal(where.file, join(h, 'keychain', 'local-key.lk_AAAAAAAAAAAAA.json'));
  assert.match(where.reason, /refused the entry: the keyring is locked \(Cannot create an item in a locked collection\)/);
  assert.equal(statSync(where.file).mode & 0o777, 0o600);
  const removed = await kc.remove('local-key:lk_AAAAAAAAAAAAA');
  assert.deepEqual(removed, { keytar: false, file: where.file });
});
