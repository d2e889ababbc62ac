// Setup tokens, b3iq setup and b3iq recover: in process (test/harness) with stdin and files;
// the real binary for two processes racing for one token and for a pty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir, readTree } from '../harness/index.js';
import { run as spawnRun } from '../helpers/cli.js';
import { runPty } from '../helpers/pty.js';
import { secretFile } from '../helpers/owner-home.js';

const PW = 'lantern orchid basalt 91';
const PW2 = 'tundra-copper-violin-58';

async function newToken(home, extra = []) {
  const r = await ok(['setup-token', 'create', '--out', '-', '--json', ...extra], { home });
  const doc = JSON.parse(r.stdout);
  return { id: doc.id, token: doc.token, doc };
}

const stateOf = async (home, id) => {
  const cred = JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8')).credentials.find((c) => c.id === id);
  return cred.usedAt ? 'used' : 'unused';
};

function assertNoSecretsIn(home, secrets) {
  for (const { path, data } of readTree(home)) {
    for (const s of secrets) assert.ok(!data.includes(s), `${path} must not contain a secret`);
  }
}

test('setup: token piped on stdin, password from a file; owner.json holds only an argon2id hash', async (t) => {
  const home = await initHome(t);
  const { id, token } = await newToken(home);
  const pwFile = secretFile(PW + '\n');
  const r = await run(['setup', '--password-file', pwFile, '--json'], { home, input: token + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.owner, true);
  assert.equal(doc.sessionGeneration, 1);
  const owner = JSON.parse(readFileSync(join(home, 'owner.json'), 'utf8'));
  assert.equal(owner.schemaVersion, 1);
  assert.match(owner.passwordHash, /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
  const [, m, tcost] = /m=(\d+),t=(\d+)/.exec(owner.passwordHash);
  assert.ok(Number(m) >= 19456 && Number(tcost) >= 2, 'OWASP parameters or stronger');
  assert.equal(statSync(join(home, 'owner.json')).mode & 0o777, 0o600);
  assert.equal(await stateOf(home, id), 'used');
  const audit = readFileSync(join(home, 'audit.log'), 'utf8');
  assert.match(audit, /"action":"owner.setup"/);
  assert.match(audit, /"action":"setup-token.use"/);
  assert.ok(!audit.includes(owner.passwordHash.split('$').at(-1)), 'no password hash in the audit log');
  assertNoSecretsIn(home, [token, PW]);
  assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token));
});

test('a setup token works once: reuse, a second owner, and concurrent uses', async (t) => {
  const home = await initHome(t);
  const { id, token } = await newToken(home);
  const env = { B3IQ_OWNER_PASSWORD: PW };
  // Two processes race with the same token: exactly one wins.
  const [a, b] = await Promise.all([spawnRun(['setup'], { home, env, input: token }), spawnRun(['setup'], { home, env, input: token })]);
  assert.deepEqual([a.code, b.code].sort(), [0, 1], a.stderr + b.stderr);
  const loser = a.code === 1 ? a : b;
  assert.match(loser.stderr, /E_INVALID_TOKEN|E_OWNER_EXISTS/);
  assert.equal(await stateOf(home, id), 'used');
  // Reuse for recover: refused as used.
  const again = await run(['recover'], { home, env: { B3IQ_OWNER_PASSWORD: PW2 }, input: token });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /E_INVALID_TOKEN/);
  assert.match(again.stderr, /used/);
  // setup with a fresh token while an owner exists: refused, the token is not consumed.
  const fresh = await newToken(home);
  const dup = await run(['setup'], { home, env, input: fresh.token });
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /E_OWNER_EXISTS/);
  assert.match(dup.stderr, /recover/);
  assert.equal(await stateOf(home, fresh.id), 'unused');
});

test('expired, unknown, malformed and wrong-kind tokens consume nothing', async (t) => {
  const home = await initHome(t);
  const env = { B3IQ_OWNER_PASSWORD: PW };
  const short = await newToken(home, ['--ttl', '1s']);
  // 1.1 s later, on the run's clock instead of a wait.
  const expired = await run(['setup', '--json'], { home, env, input: short.token, clock: () => Date.now() + 1100 });
  assert.equal(expired.code, 1);
  assert.equal(JSON.parse(expired.stderr).error.reason, 'expired');
  assert.equal(await stateOf(home, short.id), 'unused');

  const other = await initHome(t);
  const foreign = await newToken(other);
  const unknown = await run(['setup'], { home, env, input: foreign.token });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /not one this node issued/);

  const malformed = await run(['setup'], { home, env, input: foreign.token.slice(0, -1) + (foreign.token.endsWith('A') ? 'B' : 'A') });
  assert.equal(malformed.code, 1);
  assert.match(malformed.stderr, /malformed|checksum/);

  const key = await issueKey(home);
  const wrongKind = await run(['setup'], { home, env, input: key.token });
  assert.equal(wrongKind.code, 2);
  assert.match(wrongKind.stderr, /E_WRONG_KIND/);
  assert.match(wrongKind.stderr, /local API key/);
  assert.ok(!wrongKind.stderr.includes(key.token));

  // None of that created an owner: a good token still works.
  const good = await newToken(home);
  await ok(['setup'], { home, env, input: good.token });
});

test('a weak password or a mismatch is refused before the token is consumed', async (t) => {
  const home = await initHome(t);
  const { id, token } = await newToken(home);
  for (const weak of ['short1!', 'Password2024!', 'aaaaaaaaaaaaaaaa', '123456789012', 'qwertyuiop123']) {
    const r = await run(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: weak }, input: token });
    assert.equal(r.code, 2, weak);
    assert.match(r.stderr, /E_WEAK_PASSWORD/);
    assert.ok(!r.stderr.includes(weak), 'the password is never echoed');
  }
  assert.equal(await stateOf(home, id), 'unused');
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: token });
});

test('recover from a setup URL on stdin: new password works, the old one fails, sessions invalidated', async (t) => {
  const home = await initHome(t);
  const first = await newToken(home);
  await ok(['setup', '--password-file', secretFile(PW)], { home, input: first.token });
  const urlFile = join(tempDir(), 'url');
  const c = await ok(['setup-token', 'create', '--url', 'https://node.example:8443/', '--out', urlFile, '--json'], { home });
  assert.equal(JSON.parse(c.stdout).token, undefined, 'no token in the metadata with --out FILE');
  const url = readFileSync(urlFile, 'utf8').trim();
  assert.match(url, /^https:\/\/node\.example:8443\/setup#token=b3iq_setup_[0-9A-Za-z]{49}$/);
  const r = await run(['recover', '--json'], { home, env: { B3IQ_OWNER_PASSWORD_FILE: secretFile(PW2) }, input: url + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.sessionGeneration, 2);
  assert.equal(doc.sessionsInvalidated, true);
  assert.match(readFileSync(join(home, 'audit.log'), 'utf8'), /"action":"owner.recover"/);
  // The old password no longer passes; the new one does.
  const { openStore } = await import('../../dist/index.js');
  const store = await openStore({ home, live: false });
  t.after(() => store.close());
  assert.equal(await store.verifyOwnerPassword(PW), false);
  assert.equal(await store.verifyOwnerPassword(PW2), true);
  const old = await run(['owner', 'passwd', '--password-file', secretFile('new-harbor-flint-77')], { home, env: { B3IQ_OWNER_PASSWORD: PW } });
  assert.equal(old.code, 1);
  assert.match(old.stderr, /E_WRONG_PASSWORD/);
  assertNoSecretsIn(home, [PW, PW2, url.split('=')[1]]);
});

test('recover needs an existing owner', async (t) => {
  const home = await initHome(t);
  const { id, token } = await newToken(home);
  const r = await run(['recover'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: token });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /E_NO_OWNER/);
  assert.equal(await stateOf(home, id), 'unused');
});

test('setup-token create: shown once, refused to a non-terminal stdout, URL and TTL checks', async (t) => {
  const home = await initHome(t);
  const refused = await run(['setup-token', 'create'], { home });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /E_STDOUT_NOT_TTY/);
  const list = JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8')).credentials;
  assert.equal(list.length, 0, 'nothing issued when refused');
  const bare = await ok(['setup-token', 'create', '--out', '-'], { home });
  assert.match(bare.stdout, /^b3iq_setup_[0-9A-Za-z]{49}\n$/);
  const url = await ok(['setup-token', 'create', '--url', 'http://127.0.0.1:8080', '--out', '-'], { home });
  assert.match(url.stdout, /^http:\/\/127\.0\.0\.1:8080\/setup#token=b3iq_setup_/);
  for (const bad of ['ftp://x', 'not a url', 'https://u:p@h', 'https://h/?q=1', 'https://h/#frag']) {
    const r = await run(['setup-token', 'create', '--url', bad, '--out', '-'], { home });
    assert.equal(r.code, 2, bad);
  }
  const long = await run(['setup-token', 'create', '--ttl', '25h', '--out', '-'], { home });
  assert.equal(long.code, 2);
  assert.match(long.stderr, /E_DURATION/);
  const json = JSON.parse((await ok(['setup-token', 'create', '--ttl', '10m', '--out', '-', '--json'], { home })).stdout);
  assert.equal(json.kind, 'setup');
  assert.equal(Date.parse(json.expiresAt) - Date.parse(json.createdAt), 600_000);
  assert.match(json.token, /^b3iq_setup_/);
});

test('pty: token piped on stdin, the password asked twice on /dev/tty, masked', async (t) => {
  const home = await initHome(t);
  const { id, token } = await newToken(home);
  const tokFile = secretFile(token + '\n');
  // Three mismatches (passwd's three tries): refused, nothing consumed.
  const mismatch = await runPty([], {
    home,
    shell: `cat "${tokFile}" | "$NODE" "$B3IQ_BIN" setup`,
    script: ['New owner password', '(try 2 of 3)', '(try 3 of 3)'].flatMap((ask) => [
      [ask, PW + '\r'],
      ['(again)', PW2 + '\r'],
    ]),
  });
  assert.equal(mismatch.code, 2, mismatch.screen);
  assert.match(mismatch.screen, /do not match/);
  assert.equal(await stateOf(home, id), 'unused');
  // Both entries equal: set.
  const r = await runPty([], {
    home,
    shell: `cat "${tokFile}" | "$NODE" "$B3IQ_BIN" setup`,
    script: [
      ['New owner password', PW + '\r'],
      ['again', PW + '\r'],
    ],
  });
  assert.equal(r.code, 0, r.screen);
  assert.match(r.screen, /Owner password set/);
  assert.ok(!r.screen.includes(PW), 'the typed password is not echoed');
  assert.ok(!r.screen.includes(token), 'the token is not echoed');
  assert.equal(await stateOf(home, id), 'used');
  const { verifyOwnerPassword } = await import('../../dist/owner/owner.js');
  assert.equal(await verifyOwnerPassword(home, PW), true);
});

test('no terminal and no password source: exit 2 at once, token not consumed', async (t) => {
  const home = await initHome(t);
  const { id, token } = await newToken(home);
  const r = await run(['setup'], { home, env: { CI: 'true' }, input: token });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_NO_INPUT|E_USAGE/);
  assert.match(r.stderr, /--password-file/);
  assert.equal(await stateOf(home, id), 'unused');
});
