// b3iq owner passwd / logout-all in process (test/harness); the terminal case on a real pty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome } from '../harness/index.js';
import { runPty } from '../helpers/pty.js';
import { homeWithOwner as ownerHome, secretFile } from '../helpers/owner-home.js';

const PW = 'lantern orchid basalt 91';
const PW2 = 'tundra-copper-violin-58';

const homeWithOwner = (t) => ownerHome({ ok, initHome }, t, PW);

const owner = (home) => JSON.parse(readFileSync(join(home, 'owner.json'), 'utf8'));
const audit = (home) => readFileSync(join(home, 'audit.log'), 'utf8');

test('owner passwd: current password required; new one from a file; sessions invalidated', async (t) => {
  const home = await homeWithOwner(t);
  const before = owner(home);
  const wrong = await run(['owner', 'passwd', '--password-file', secretFile(PW2)], { home, env: { B3IQ_OWNER_PASSWORD: 'not the password at all' } });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /E_WRONG_PASSWORD/);
  assert.deepEqual(owner(home), before, 'nothing changed');
  assert.match(audit(home), /"action":"owner.passwd","id":null,"kind":"owner","outcome":"refused"/);

  const same = await run(['owner', 'passwd', '--password-file', secretFile(PW)], { home, env: { B3IQ_OWNER_PASSWORD: PW } });
  assert.equal(same.code, 2);
  assert.match(same.stderr, /E_WEAK_PASSWORD/);

  const weak = await run(['owner', 'passwd', '--password-file', secretFile('password')], { home, env: { B3IQ_OWNER_PASSWORD: PW } });
  assert.equal(weak.code, 2);

  const r = await run(['owner', 'passwd', '--password-file', secretFile(PW2), '--json'], { home, env: { B3IQ_OWNER_PASSWORD: PW } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).sessionGeneration, before.sessionGeneration + 1);
  const { verifyOwnerPassword } = await import('../../dist/owner/owner.js');
  assert.equal(await verifyOwnerPassword(home, PW), false);
  assert.equal(await verifyOwnerPassword(home, PW2), true);
  assert.match(audit(home), /"action":"owner.passwd","id":null,"kind":"owner","outcome":"ok"/);
  for (const s of [PW, PW2]) assert.ok(!audit(home).includes(s));
});

test('owner passwd: the new password never comes silently from B3IQ_OWNER_PASSWORD', async (t) => {
  const home = await homeWithOwner(t);
  // Current from the env, no --password-file, stdin /dev/null and no terminal: refused at once.
  const r = await run(['owner', 'passwd'], { home, env: { B3IQ_OWNER_PASSWORD: PW, CI: 'true' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--password-file/);
});

test('owner logout-all bumps the session generation; needs an owner', async (t) => {
  const home = await homeWithOwner(t);
  const g = owner(home).sessionGeneration;
  const r = await ok(['owner', 'logout-all', '--json'], { home });
  assert.equal(JSON.parse(r.stdout).sessionGeneration, g + 1);
  const { ownerSessionGeneration } = await import('../../dist/owner/owner.js');
  assert.equal(ownerSessionGeneration(home), g + 1);
  assert.match(audit(home), /"action":"owner.logout-all"/);
  const empty = await initHome(t);
  const none = await run(['owner', 'logout-all'], { home: empty });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /E_NO_OWNER/);
});

test('pty: owner passwd asks the current password once and the new one twice on the terminal', async (t) => {
  const home = await homeWithOwner(t);
  const r = await runPty(['owner', 'passwd'], {
    home,
    script: [
      ['Current owner password', PW + '\r'],
      ['New owner password', PW2 + '\r'],
      ['again', PW2 + '\r'],
    ],
  });
  assert.equal(r.code, 0, r.screen);
  assert.match(r.screen, /Owner password changed/);
  for (const s of [PW, PW2]) assert.ok(!r.screen.includes(s), 'typed passwords are not echoed');
  const { verifyOwnerPassword } = await import('../../dist/owner/owner.js');
  assert.equal(await verifyOwnerPassword(home, PW2), true);
});

test('passwords on argv are refused without echo', async (t) => {
  const home = await homeWithOwner(t);
  const r = await run(['owner', 'passwd', `--password=${PW2}`], { home });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_SECRET_IN_ARGV/);
  assert.ok(!r.stderr.includes(PW2));
});
