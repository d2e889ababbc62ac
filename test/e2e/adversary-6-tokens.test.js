// An attacker with local access against the built binary, second part (split so each file
// stays well inside the runner's per-file timeout on a loaded machine): setup tokens raced
// and replayed, records with loose modes, foreign owners and symlinks, B3IQ_DEBUG traces fed
// secrets, and credentials written through the library. Each test names the attack it tries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../dist/index.js';
import { generateToken } from '../../dist/core/tokens.js';
import { ok, run, initHome, issueKey, tempDir, BIN, baseEnv } from '../helpers/cli.js';
import { PW, assertNoneIn, bodyOf, errCode } from '../helpers/adversary.js';
import { secretFile } from '../helpers/owner-home.js';

const isRoot = process.getuid?.() === 0;
const hasFaketime = spawnSync('faketime', ['-f', '+0s', 'true']).status === 0;

// ---- setup tokens ----------------------------------------------------------------------

test('attack: redeem one setup token six times at once (setup), then four times (recover): exactly one wins each', async (t) => {
  const home = await initHome(t);
  const tokFile = join(tempDir(), 'tok');
  await ok(['setup-token', 'create', '--out', tokFile], { home });
  const pws = [1, 2, 3, 4, 5, 6].map((i) => secretFile(`password number ${i} is long`));
  const setups = await Promise.all(pws.map((p) => run(['setup', '--token-file', tokFile, '--password-file', p], { home, timeout: 60_000 })));
  assert.deepEqual(setups.map((r) => r.code).sort(), [0, 1, 1, 1, 1, 1], setups.map((r) => r.stderr).join('\n'));
  const tok2 = join(tempDir(), 'tok2');
  await ok(['setup-token', 'create', '--out', tok2], { home });
  const recovers = await Promise.all(pws.slice(0, 4).map((p) => run(['recover', '--token-file', tok2, '--password-file', p], { home, timeout: 60_000 })));
  assert.deepEqual(recovers.map((r) => r.code).sort(), [0, 1, 1, 1]);
  await ok(['audit', '--verify'], { home });
  const uses = (await ok(['audit', '--json'], { home })).stdout.match(/"action": ?"owner\.(setup|recover)"/g);
  assert.equal(uses.length, 2, 'one setup and one recover logged');
});

test('attack: use a setup token after its expiry by moving the clock, then again with the clock put back', {
  skip: hasFaketime ? false : 'no faketime',
}, async (t) => {
  const home = await initHome(t);
  const tok = join(tempDir(), 'tok');
  await ok(['setup-token', 'create', '--ttl', '90s', '--out', tok], { home });
  const pw = secretFile('a long enough password 1');
  const later = spawnSync('faketime', ['-f', '+5m', process.execPath, BIN, 'setup', '--token-file', tok, '--password-file', pw], {
    env: baseEnv(home),
    encoding: 'utf8',
  });
  assert.equal(later.status, 1, later.stderr);
  assert.match(later.stderr, /expired/);
  const now = await run(['setup', '--token-file', tok, '--password-file', pw], { home });
  assert.equal(now.code, 1, 'the clock mark remembers the later time: still expired');
});

test('attack: a setup token on argv: bare, in a setup URL, percent-encoded, as a flag value; refused, never echoed, named exposed', async (t) => {
  const home = await initHome(t);
  const tok = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  const body = bodyOf(tok);
  const forms = [
    ['setup', tok],
    ['setup', `http://127.0.0.1:7777/setup#token=${tok}`],
    ['setup', `http://127.0.0.1:7777/setup#b3iq%5Fsetup%5F${body}`],
    ['setup', `http://127.0.0.1:7777/setup#token=b3iq%5fsetup_${body}`],
    ['enroll', 'join', 'managed', `--token=${tok}`],
    ['setup', '--', tok],
  ];
  for (const args of forms) {
    const r = await run([...args, '--json'], { home });
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(errCode(r), 'E_SECRET_IN_ARGV', args.join(' '));
    assert.ok(!r.stderr.includes(body.slice(0, 10)) && !r.stdout.includes(body.slice(0, 10)), `echoed: ${args.join(' ')}`);
    assert.match(r.stderr, /setup-token revoke st_/, `named exposed: ${args.join(' ')}`);
  }
  // The token still works from stdin, as a setup URL.
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: `http://127.0.0.1:7777/setup#token=${tok}\n` });
});

// ---- records on disk ---------------------------------------------------------------------

test('attack: loosen modes, hand records to another user, link the home or a record elsewhere: every command refuses (exit 3)', async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  const verify = () => run(['keys', 'verify'], { home, input: token });
  const cred = join(home, 'credentials.json');
  /** @type {{ label: string, spoil: () => void, mend: () => void, code: string }[]} */
  const cases = [
    { label: 'home 0777', spoil: () => fs.chmodSync(home, 0o777), mend: () => fs.chmodSync(home, 0o700), code: 'E_UNSAFE_PERMISSIONS' },
    { label: 'credentials 0644', spoil: () => fs.chmodSync(cred, 0o644), mend: () => fs.chmodSync(cred, 0o600), code: 'E_UNSAFE_PERMISSIONS' },
    { label: 'credentials 0666', spoil: () => fs.chmodSync(cred, 0o666), mend: () => fs.chmodSync(cred, 0o600), code: 'E_UNSAFE_PERMISSIONS' },
  ];
  if (isRoot)
    for (const f of [cred, join(home, 'audit.log'), home])
      cases.push({ label: `${f} owned by nobody`, spoil: () => fs.chownSync(f, 65534, 65534), mend: () => fs.chownSync(f, 0, 0), code: 'E_UNSAFE_OWNER' });
  for (const { label, spoil, mend, code } of cases) {
    spoil();
    for (const args of [
      ['keys', 'list'],
      ['keys', 'create', '--name', 'x', '--out', '-'],
    ]) {
      const r = await run([...args, '--json'], { home });
      assert.deepEqual([r.code, errCode(r)], [3, code], `${label}: ${args.join(' ')}`);
    }
    assert.equal((await verify()).code, 3, `${label}: verify`);
    mend();
  }
  const moved = join(tempDir(), 'c.json');
  fs.renameSync(join(home, 'credentials.json'), moved);
  fs.symlinkSync(moved, join(home, 'credentials.json'));
  assert.equal((await verify()).code, 3, 'a symlinked record');
  fs.rmSync(join(home, 'credentials.json'));
  fs.renameSync(moved, join(home, 'credentials.json'));
  const link = join(tempDir(), 'h');
  fs.symlinkSync(home, link);
  assert.equal((await run(['keys', 'verify'], { home: link, input: token })).code, 3, 'a symlinked home');
  assert.equal((await verify()).code, 0, 'mended');
});

test('attack: an owner.json another user can write (or owns) signs nobody in, whatever password it holds', {
  skip: isRoot ? false : 'needs root for chown',
}, async (t) => {
  const home = await initHome(t);
  const tok = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: tok });
  const file = join(home, 'owner.json');
  /** @type {[string, () => void][]} */
  const spoils = [
    ['0666', () => fs.chmodSync(file, 0o666)],
    ['owned by nobody', () => fs.chownSync(file, 65534, 65534)],
  ];
  for (const [label, spoil] of spoils) {
    spoil();
    const store = await openStore({ home, live: false });
    assert.equal(await store.verifyOwnerPassword(PW), false, label);
    assert.equal((await store.ownerLogin(PW, { client: 'x' })).ok, false, label);
    store.close();
    const r = await run(['enroll', 'join', 'managed', '--yes'], { home, env: { B3IQ_OWNER_PASSWORD: PW } });
    assert.equal(r.code, 3, `${label}: enroll join`);
    fs.chmodSync(file, 0o600);
    fs.chownSync(file, 0, 0);
  }
});

// ---- the environment ---------------------------------------------------------------------

test('attack: feed secrets through every B3IQ_* variable to commands that cannot use them, with B3IQ_DEBUG=1: nothing is echoed', async (t) => {
  const home = await initHome(t);
  const { token: local } = await issueKey(home);
  const gateway = generateToken('gateway');
  const setup = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  const values = [local, gateway, setup, `"${local}x"`, PW];
  const vars = ['B3IQ_LOCAL_KEY', 'B3IQ_SUPPORT_TOKEN', 'B3IQ_GATEWAY_KEY', 'B3IQ_SETUP_TOKEN', 'B3IQ_OWNER_PASSWORD'];
  const commands = [
    ['keys', 'verify'],
    ['support', 'verify'],
    ['gateway', 'login'],
    ['recover'],
    ['request-config', '--out', '-'],
    ['enroll', 'join', 'network', '--yes'],
  ];
  const needles = { local: bodyOf(local).slice(0, 16), gateway: bodyOf(gateway).slice(0, 16), setup: bodyOf(setup).slice(0, 16), PW };
  const cases = vars.flatMap((v) => values.flatMap((value) => commands.map((args) => ({ v, value, args }))));
  for (let i = 0; i < cases.length; i += 4)
    await Promise.all(
      cases.slice(i, i + 4).map(async ({ v, value, args }) => {
        const r = await run(args, { home, env: { B3IQ_DEBUG: '1', B3IQ_KEYCHAIN: 'off', [v]: value }, timeout: 60_000 });
        // request-config given a good local key prints it by design (--out -).
        const out = args[0] === 'request-config' && value === local && v === 'B3IQ_LOCAL_KEY' ? '' : r.stdout;
        assertNoneIn(r.stderr + out, needles, `${v} → ${args.join(' ')}`);
      }),
    );
});

test('attack: a token passed as a key name, a grant note or a revoke reason through the library is refused before it is written', async (t) => {
  const home = await initHome(t);
  const store = await openStore({ home, live: false });
  t.after(() => store.close());
  const a = await store.issueLocalKey({ name: 'a' });
  const tries = {
    'key name': () => store.issueLocalKey({ name: a.token }),
    'grant note': () => store.issueSupportGrant({ note: `from ${a.token}` }),
    'revoke reason': () => store.revoke(a.id, { reason: `leaked as ${a.token}` }),
    'grant note, `_` percent-encoded': () => store.issueSupportGrant({ note: `from ${a.token.replaceAll('_', '%5F')}` }),
    'revoke reason, `_` percent-encoded': () => store.revoke(a.id, { reason: `see ${a.token.replaceAll('_', '%5f')}` }),
  };
  for (const [label, f] of Object.entries(tries))
    await assert.rejects(f, (/** @type {any} */ e) => e.code === 'E_USAGE' && !e.message.includes(a.token.slice(11, 30)), label);
  for (const f of ['credentials.json', 'audit.log']) assert.ok(!fs.readFileSync(join(home, f), 'utf8').includes(bodyOf(a.token)), f);
  assert.equal(store.verifyLocalKey(a.token).valid, true, 'nothing was revoked');
});

test('attack: a request config aimed at plain http on another host would send the bearer across the network in clear: warned', async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  const env = { B3IQ_LOCAL_KEY: token };
  for (const url of ['http://example.com/v1/models', 'http://10.0.0.5:8080/v1', 'http://node.lan:8080']) {
    const r = await ok(['request-config', '--url', url, '--out', '-', '--json'], { home, env });
    assert.match(JSON.parse(r.stderr).warnings[0], /plain http to another host/, url);
    assert.ok(!r.stderr.includes(bodyOf(token)), 'the warning never carries the token');
  }
  for (const url of ['https://example.com/v1', 'http://127.0.0.1:8080/v1', 'http://localhost:8080', 'http://[::1]:8080'])
    assert.equal((await ok(['request-config', '--url', url, '--out', '-', '--json'], { home, env })).stderr, '', url);
});
