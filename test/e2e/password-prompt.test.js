// The new owner password on a terminal, as passwd does it: checked after the first entry,
// a weak one or a mismatch asks again (three tries), nothing is echoed, not even a mask
// character per key. From a file or the environment: checked once, exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, tempDir } from '../helpers/cli.js';
import { runPty } from '../helpers/pty.js';

const PW = 'lantern orchid basalt 91';
const WEAK = ['qwertyuiopasdf', 'Summer2024!Summer', 'Password2024!'];

async function tokenFile(home) {
  const token = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  const file = join(tempDir(), 'token');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return file;
}

const setupOnPty = (home, file, script) => runPty([], { home, shell: `cat "${file}" | "$NODE" "$B3IQ_BIN" setup`, script, timeout: 60 });

test('pty: a weak first entry is refused with the reason at once and asked again; nothing echoed, no mask', async (t) => {
  const home = await initHome(t);
  const file = await tokenFile(home);
  const r = await setupOnPty(home, file, [
    ['New owner password', WEAK[0] + '\r'],
    ['(try 2 of 3)', PW + '\r'],
    ['(again)', PW + '\r'],
  ]);
  assert.equal(r.code, 0, r.screen);
  assert.match(r.screen, /Too weak: it could be guessed in about 10\^\d+ tries \([^)]+\); try again\./);
  assert.doesNotMatch(r.screen, /digits or symbols/);
  assert.match(r.screen, /Owner password set/);
  // Asked once for the weak one (no confirmation wasted on it), then twice for the good one.
  assert.ok(r.screen.indexOf('(again)') > r.screen.indexOf('(try 2 of 3)'), r.screen);
  for (const s of [PW, WEAK[0]]) assert.ok(!r.screen.includes(s), 'typed passwords are not echoed');
  assert.doesNotMatch(r.screen, /\*{3,}/, 'no mask character per key: the length does not leak');
  const { verifyOwnerPassword } = await import('../../dist/owner/owner.js');
  assert.equal(await verifyOwnerPassword(home, PW), true);
});

test('pty: three weak entries end it with exit 2 and nothing consumed', async (t) => {
  const home = await initHome(t);
  const file = await tokenFile(home);
  const r = await setupOnPty(home, file, [
    ['New owner password', WEAK[0] + '\r'],
    ['(try 2 of 3)', WEAK[1] + '\r'],
    ['(try 3 of 3)', WEAK[2] + '\r'],
  ]);
  assert.equal(r.code, 2, r.screen);
  assert.match(r.screen, /E_WEAK_PASSWORD/);
  assert.equal(r.screen.match(/try again/g)?.length, 2, r.screen);
  for (const w of WEAK) assert.ok(!r.screen.includes(w));
  const creds = JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8')).credentials;
  assert.ok(
    creds.every((c) => c.usedAt === null || c.usedAt === undefined),
    'the token is still unused',
  );
});

test('pty: a mismatch asks again and the next matching pair is taken', async (t) => {
  const home = await initHome(t);
  const file = await tokenFile(home);
  const r = await setupOnPty(home, file, [
    ['New owner password', PW + '\r'],
    ['(again)', PW + 'x\r'],
    ['(try 2 of 3)', PW + '\r'],
    ['(again)', PW + '\r'],
  ]);
  assert.equal(r.code, 0, r.screen);
  assert.match(r.screen, /do not match; try again/);
});

test('a weak password from a file or the environment is refused once with exit 2 and the reason', async (t) => {
  const home = await initHome(t);
  for (const weak of WEAK) {
    const token = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
    const pwFile = join(tempDir(), 'pw');
    writeFileSync(pwFile, weak + '\n', { mode: 0o600 });
    for (const how of [{ args: ['--password-file', pwFile] }, { env: { B3IQ_OWNER_PASSWORD: weak } }]) {
      const r = await run(['setup', ...(how.args ?? [])], { home, env: how.env ?? {}, input: token });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /E_WEAK_PASSWORD.*too weak: it could be guessed/);
      assert.ok(!r.stderr.includes(weak));
    }
  }
  // A passphrase of unrelated words is judged by the estimator, and passes.
  const token = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: 'correct horse battery staple' }, input: token });
});

test('pty: the prompt line stays blank while typing; Backspace edits, Ctrl-C interrupts (exit 130)', async (t) => {
  const home = await initHome(t);
  const file = await tokenFile(home);
  // Typed with a slip and a Backspace: what is kept is PW.
  const r = await setupOnPty(home, file, [
    ['New owner password', PW + 'Q\x7f\r'],
    ['(again)', PW + '\r'],
  ]);
  assert.equal(r.code, 0, r.screen);
  // Nothing at all between the prompt and the end of its line: no mask, no cursor movement.
  assert.match(r.screen, /New owner password: \r?\n/);
  assert.match(r.screen, /New owner password \(again\): \r?\n/);
  assert.doesNotMatch(r.screen, /\x1b\[\d*[CG]/, 'no cursor positioning that would give the length away');
  const { verifyOwnerPassword } = await import('../../dist/owner/owner.js');
  assert.equal(await verifyOwnerPassword(home, PW), true);

  const home2 = await initHome(t);
  const file2 = await tokenFile(home2);
  const c = await setupOnPty(home2, file2, [['New owner password', 'lantern\x03']]);
  assert.equal(c.code, 130, c.screen);
  assert.match(c.screen, /E_INTERRUPTED/);
});
