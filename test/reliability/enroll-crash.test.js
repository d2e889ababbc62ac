// Joins SIGKILLed at random moments, round after round: enrollment.json always loads (the
// previous decision or the new one, never a torn or half-made one), an enrolled workflow
// always has its audit line (written just before the commit), and the next write recovers the lock and sweeps temp files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ok, tempHome } from '../helpers/cli.js';
import { readEnrollmentDoc } from '../../dist/home/enrollment.js';
import { verifyAuditText } from '../../dist/home/audit.js';
import { generateToken } from '../../dist/core/tokens.js';
import { startCli, prng, sleep, scaled } from './helpers.js';

const PW = 'lantern orchid basalt 91';
const ENV = { B3IQ_OWNER_PASSWORD: PW, B3IQ_KEYCHAIN: 'off' };

test('enroll join SIGKILLed at random moments: previous state or the whole new one', { timeout: 300_000 }, async (t) => {
  const home = tempHome(t);
  await ok(['init'], { home });
  const token = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: token });
  await ok(['gateway', 'login'], { home, env: ENV, input: generateToken('gateway') });
  await ok(['enroll', 'join', 'managed', '--yes'], { home, env: ENV });
  const managed = readEnrollmentDoc(home).managed;
  const rnd = prng(0xe7011);
  const stats = { rounds: scaled(16, 4), before: 0, after: 0, lineOnly: 0 };
  const joinLines = () =>
    readFileSync(join(home, 'audit.log'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"action":"enroll.join"') && l.includes('"workflow":"network"') && l.includes('"outcome":"ok"'));
  for (let round = 0; round < stats.rounds; round++) {
    const p = startCli(['enroll', 'join', 'network', '--yes'], home, { env: ENV });
    await sleep(Math.floor(rnd() * 1500));
    const linesBefore = joinLines().length;
    p.kill();
    await p.done;
    const doc = readEnrollmentDoc(home); // throws if torn or invalid
    assert.deepEqual(doc.managed, managed, `round ${round}: managed untouched`);
    if (doc.network) {
      stats.after++;
      const joins = joinLines();
      assert.ok(
        joins.some((l) => JSON.parse(l).time === doc.network.since),
        `round ${round}: network enrolled without its audit line`,
      );
      await ok(['enroll', 'leave', 'network'], { home });
    } else {
      stats.before++;
      // Killed between its audit line and the commit: a line, and still the previous state.
      if (joinLines().length > linesBefore) stats.lineOnly++;
      await ok(['enroll', 'leave', 'network'], { home }); // a write: recovers the lock, sweeps temp files
    }
    assert.deepEqual(
      readdirSync(home).filter((n) => n.startsWith('.tmp-')),
      [],
      `round ${round}: temp files swept`,
    );
    const audit = verifyAuditText(readFileSync(join(home, 'audit.log'), 'utf8'));
    assert.ok(audit.ok, `round ${round}: audit chain broken at line ${audit.line}: ${audit.problem}`);
  }
  t.diagnostic(
    `${stats.rounds} kills: ${stats.before} before the commit (previous state), ${stats.after} after it (joined, audited); ${stats.lineOnly} of the former between the audit line and the commit`,
  );
});
