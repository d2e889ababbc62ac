// b3iq enroll status / join / leave through the real binary: the owner's decision, its
// password (file, environment, terminal prompt), the confirmation, the gateway key for
// network, gateway logout leaving network, and one audit line per change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome } from '../helpers/cli.js';
import { runPty } from '../helpers/pty.js';
import { generateToken } from '../../dist/core/tokens.js';
import { homeWithOwner as ownerHome, secretFile } from '../helpers/owner-home.js';

const PW = 'lantern orchid basalt 91';
const OFF = { B3IQ_KEYCHAIN: 'off' };

const homeWithOwner = (t) => ownerHome({ ok, initHome }, t, PW);

const record = (home) => JSON.parse(readFileSync(join(home, 'enrollment.json'), 'utf8'));
const auditLines = (home) =>
  readFileSync(join(home, 'audit.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const enrollAudit = (home) => auditLines(home).filter((a) => a.action.startsWith('enroll.'));
const status = async (home) => JSON.parse((await ok(['enroll', 'status', '--json'], { home, env: OFF })).stdout);

test('enroll status --json: off by default, the shape scripts rely on', async (t) => {
  const home = await initHome(t);
  const doc = await status(home);
  assert.deepEqual(doc, { managed: null, network: null, updatedAt: null, gatewayKey: null });
  assert.equal(existsSync(join(home, 'enrollment.json')), false, 'nothing is written until the owner decides');
  const human = await ok(['enroll', 'status'], { home });
  assert.match(human.stdout, /^managed\s+not enrolled\nnetwork\s+not enrolled\n$/);
  const st = JSON.parse((await ok(['status', '--json'], { home })).stdout);
  assert.deepEqual(st.enrollment, { managed: null, network: null });
});

test('join managed with the password from --password-file and --yes: recorded 0600, audited, shown by status', async (t) => {
  const home = await homeWithOwner(t);
  const r = await run(['enroll', 'join', 'managed', '--yes', '--json', '--password-file', secretFile(PW + '\n')], { home });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.workflow, 'managed');
  assert.equal(doc.changed, true);
  assert.match(doc.surface.sees[0], /node_[0-9a-f]+/);
  assert.equal(r.stderr, '', 'with --json, stderr holds one JSON document or nothing');
  const human = await run(['enroll', 'join', 'managed', '--yes', '--password-file', secretFile(PW + '\n')], { home: await homeWithOwner(t) });
  assert.match(human.stderr, /public surface/);
  assert.equal(statSync(join(home, 'enrollment.json')).mode & 0o777, 0o600);
  const rec = record(home);
  assert.equal(rec.schemaVersion, 1);
  assert.deepEqual(rec.managed, { since: doc.since });
  assert.equal(rec.network, null);
  assert.deepEqual((await status(home)).managed, { since: doc.since });
  const [line] = enrollAudit(home);
  assert.deepEqual(
    { action: line.action, kind: line.kind, outcome: line.outcome, workflow: line.workflow, by: line.by, time: line.time },
    { action: 'enroll.join', kind: 'enrollment', outcome: 'ok', workflow: 'managed', by: 'owner', time: doc.since },
  );
  for (const out of [r.stdout, r.stderr, readFileSync(join(home, 'audit.log'), 'utf8'), readFileSync(join(home, 'enrollment.json'), 'utf8')])
    assert.ok(!out.includes(PW));
  // Joining again changes nothing and asks nothing.
  const again = await ok(['enroll', 'join', 'managed', '--json'], { home });
  assert.equal(JSON.parse(again.stdout).changed, false);
  assert.equal(enrollAudit(home).length, 1);
  const st = await ok(['status'], { home });
  assert.match(st.stdout, /enrolled in\s+managed \(since /);
});

test('join from B3IQ_OWNER_PASSWORD_FILE; a wrong password is exit 1, audited as refused, nothing joined', async (t) => {
  const home = await homeWithOwner(t);
  const wrong = await run(['enroll', 'join', 'managed', '--yes'], { home, env: { B3IQ_OWNER_PASSWORD: 'not the owner password 7' } });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /E_WRONG_PASSWORD/);
  assert.ok(!wrong.stderr.includes('not the owner password 7'));
  assert.equal(existsSync(join(home, 'enrollment.json')), false);
  assert.deepEqual(
    enrollAudit(home).map((a) => [a.action, a.outcome, a.reason]),
    [['enroll.join', 'refused', 'wrong-password']],
  );
  await ok(['enroll', 'join', 'managed', '--yes'], { home, env: { B3IQ_OWNER_PASSWORD_FILE: secretFile(PW) } });
  assert.notEqual(record(home).managed, null);
});

test('pty: join asks to confirm, then the owner password on the terminal (masked); "no" changes nothing', async (t) => {
  const home = await homeWithOwner(t);
  const no = await runPty(['enroll', 'join', 'managed', '--json'], { home, script: [['Join the managed workflow?', 'n\r']] });
  assert.equal(no.code, 1, no.screen);
  assert.match(no.screen, /"joined": false/);
  assert.match(no.screen, /It will see only this node's public surface/);
  assert.equal(existsSync(join(home, 'enrollment.json')), false);
  const yes = await runPty(['enroll', 'join', 'managed'], {
    home,
    script: [
      ['Join the managed workflow?', 'y\r'],
      ['Owner password', PW + '\r'],
    ],
  });
  assert.equal(yes.code, 0, yes.screen);
  assert.ok(!yes.screen.includes(PW), 'the typed password is not echoed');
  assert.match(yes.screen, /Joined the managed workflow/);
  assert.notEqual(record(home).managed, null);
});

test('no terminal and no --yes: exit 2 at once naming --yes, nothing read, nothing joined', async (t) => {
  const home = await homeWithOwner(t);
  const r = await run(['enroll', 'join', 'managed'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, timeout: 10_000 });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_NO_INPUT/);
  assert.match(r.stderr, /--yes/);
  assert.equal(existsSync(join(home, 'enrollment.json')), false);
  // Piped stdin is not a terminal either: same answer, no hang.
  const piped = await run(['enroll', 'join', 'managed'], { home, input: PW + '\n', timeout: 10_000 });
  assert.equal(piped.code, 2);
});

test('join refusals: no owner (exit 1), unknown workflow (exit 2), a password on argv (exit 2, not echoed)', async (t) => {
  const bare = await initHome(t);
  const none = await run(['enroll', 'join', 'managed', '--yes'], { home: bare, env: { B3IQ_OWNER_PASSWORD: PW } });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /E_NO_OWNER/);
  const home = await homeWithOwner(t);
  const bad = await run(['enroll', 'join', 'everything', '--yes'], { home });
  assert.equal(bad.code, 2);
  const argv = await run(['enroll', 'join', 'managed', '--yes', `--password=${PW}`], { home });
  assert.equal(argv.code, 2);
  assert.match(argv.stderr, /E_SECRET_IN_ARGV/);
  assert.ok(!argv.stderr.includes(PW));
  assert.equal(existsSync(join(home, 'enrollment.json')), false);
});

test('network needs a hosted gateway key: exit 2 naming gateway login, before any password is asked', async (t) => {
  const home = await homeWithOwner(t);
  const r = await run(['enroll', 'join', 'network', '--yes', '--json'], { home, env: OFF });
  assert.equal(r.code, 2);
  const err = JSON.parse(r.stderr).error;
  assert.equal(err.code, 'E_NO_GATEWAY_KEY');
  assert.match(err.hint, /b3iq gateway login/);
  assert.equal(existsSync(join(home, 'enrollment.json')), false);
  assert.deepEqual(enrollAudit(home), [], 'a refusal before the password is not a change');
});

test('network with a gateway key; gateway logout leaves network, says so, and audits it', async (t) => {
  const home = await homeWithOwner(t);
  await ok(['gateway', 'login'], { home, env: OFF, input: generateToken('gateway') });
  await ok(['enroll', 'join', 'network', '--yes'], { home, env: { ...OFF, B3IQ_OWNER_PASSWORD: PW } });
  await ok(['enroll', 'join', 'managed', '--yes'], { home, env: { ...OFF, B3IQ_OWNER_PASSWORD: PW } });
  const before = await status(home);
  assert.ok(before.network && before.managed);
  assert.equal(before.gatewayKey, true);
  const doctor = await ok(['doctor', '--production', '--confirm-rotated', 'all', '--json'], { home, env: OFF }, 0);
  const listed = JSON.parse(doctor.stdout).checks.find((c) => c.id === 'enrolled');
  assert.match(listed.title, /managed \(since .*\), network \(since /);

  const out = await ok(['gateway', 'logout', '--json'], { home, env: OFF });
  assert.deepEqual(JSON.parse(out.stdout), { removed: true, leftNetwork: true });
  assert.doesNotMatch(out.stderr, /left the network workflow/, 'with --json, human lines stay off stderr');
  const after = await status(home);
  assert.equal(after.network, null);
  assert.deepEqual(after.managed, before.managed, 'managed is untouched');
  const leave = enrollAudit(home).at(-1);
  assert.deepEqual([leave.action, leave.workflow, leave.reason], ['enroll.leave', 'network', 'gateway-logout']);
  // A second logout: no key, not enrolled, nothing to say about network.
  assert.deepEqual(JSON.parse((await ok(['gateway', 'logout', '--json'], { home, env: OFF })).stdout), { removed: false, leftNetwork: false });
});

test('leave: one workflow or --all, at once, no password; each change one audit line', async (t) => {
  const home = await homeWithOwner(t);
  await ok(['gateway', 'login'], { home, env: OFF, input: generateToken('gateway') });
  for (const w of ['managed', 'network']) await ok(['enroll', 'join', w, '--yes'], { home, env: { ...OFF, B3IQ_OWNER_PASSWORD: PW } });
  const one = JSON.parse((await ok(['enroll', 'leave', 'managed', '--json'], { home, env: OFF })).stdout);
  assert.deepEqual(one.left, ['managed']);
  assert.equal(one.managed, null);
  assert.ok(one.network);
  const noop = JSON.parse((await ok(['enroll', 'leave', 'managed', '--json'], { home })).stdout);
  assert.deepEqual(noop.left, []);
  await ok(['enroll', 'join', 'managed', '--yes'], { home, env: { ...OFF, B3IQ_OWNER_PASSWORD: PW } });
  const all = JSON.parse((await ok(['enroll', 'leave', '--all', '--json'], { home })).stdout);
  assert.deepEqual(all.left, ['managed', 'network']);
  assert.deepEqual(await status(home), { managed: null, network: null, updatedAt: record(home).updatedAt, gatewayKey: null });
  assert.deepEqual(
    enrollAudit(home).map((a) => `${a.action} ${a.workflow}`),
    ['enroll.join managed', 'enroll.join network', 'enroll.leave managed', 'enroll.join managed', 'enroll.leave managed', 'enroll.leave network'],
  );
  for (const bad of [
    ['enroll', 'leave'],
    ['enroll', 'leave', 'managed', '--all'],
    ['enroll', 'leave', 'nothing'],
  ]) {
    assert.equal((await run(bad, { home })).code, 2, bad.join(' '));
  }
  await ok(['audit', '--verify'], { home });
});
