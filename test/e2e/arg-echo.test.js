// Usage errors never echo an argument that may be a secret: the real binary, argv shape by
// argv shape, with the value searched for in everything it printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, initHome } from '../helpers/cli.js';

const S = 'Sup3rSecr3tValue';
// [argv, the value that must never come back, expected exit code, what the message says instead]
/** @type {Array<[string[], string, number, RegExp]>} */
const CASES = [
  [[`-x${S}`], S, 2, /unknown option in argument 1/i],
  [[`-pHunter2Secret`, 'status'], 'Hunter2Secret', 2, /argument 1/],
  [[`-pHunter2Secret`, 'status'], 'hunter2secret', 2, /argument 1/],
  [[`--hunter2secret=x`, 'status'], 'hunter2secret', 2, /argument 1/],
  [['status', `--frob=it's${S}`], S, 2, /unknown option in argument 2/i],
  [['status', `--${S}`], S, 2, /unknown option in argument 2/i],
  [['status', `-${S}`], S, 2, /argument 2/],
  [[`it's-${S}`], S, 2, /argument 1 is not a b3iq command/i],
  [[S], S, 2, /argument 1 is not a b3iq command/i],
  [['keys', S], S, 2, /argument 2 is not a b3iq command/i],
  [['keys', 'show', 'hunter2hunter2'], 'hunter2hunter2', 1, /argument 3/],
  [['keys', 'show', `${S}'"`], S, 1, /argument 3/],
  [['keys', 'revoke', 'hunter2hunter2'], 'hunter2hunter2', 1, /not an id|argument 3/],
  [['keys', 'rotate', 'hunter2hunter2', '--out', '-'], 'hunter2hunter2', 1, /not an id|argument 3/],
  [['support', 'revoke', 'hunter2hunter2'], 'hunter2hunter2', 1, /not an id|argument 3/],
  [['redact', 'My$ecretPassw0rd!'], 'My$ecretPassw0rd!', 2, /the file named in argument 2 cannot be read/i],
  [['redact', '-', `${S}.log`], S, 2, /argument 3/],
  [['public', 'check', `${S}.json`], S, 2, /argument 3/],
  [['scan', `/nonexistent/${S}`], S, 2, /argument 2/],
  [['support', 'grant', '--scope', 'supersecretvalue', '--out', '-'], 'supersecretvalue', 2, /unknown support scope \(argument 4\)/i],
  [['support', 'grant', '--scope', `diagnostics:read,${S}`, '--out', '-'], S, 2, /argument 4/],
  [['support', 'grant', `--scope=${S}`, '--out', '-'], S, 2, /argument 3/],
  [['support', 'grant', '--scope', 'constructor', '--out', '-'], 'function', 2, /unknown support scope/i],
  [['support', 'grant', '--scope', '__proto__', '--out', '-'], 'object', 2, /unknown support scope/i],
  [['keys', 'create', '--name', 'n', '--scope', S, '--out', '-'], S, 2, /unknown key scope \(argument 6\)/i],
  [['keys', 'create', '--name', 'n', '--expires', S, '--out', '-'], S, 2, /duration/],
  [['support', 'grant', '--ttl', S, '--out', '-'], S, 2, /duration/],
  [['--home', `/nonexistent/${S}`, 'status'], S, 3, /argument 2/],
  [[`--home=/nonexistent/${S}`, 'status'], S, 3, /argument 1/],
  [['completion', S], S, 2, /argument 2 is invalid/i],
  [['status', S], S, 2, /too many arguments/],
  [['keys', 'list', '--all', S], S, 2, /too many arguments/],
  [['request-config', '--key', S, '--url', 'http://127.0.0.1:1/'], S, 2, /./],
  [['--json', 'keys', 'show', S], S, 1, /argument 4/],
  [['keys', 'verify', '--scope', S], S, 2, /argument 4/i],
  [['support', 'bundle', '--logs', `/nonexistent/${S}`, '--dry-run'], S, 2, /argument 4/],
  [['support', 'grant', '--ttl', '1h', '--out', `/nonexistent/${S}/grant`], S, 2, /argument 6/],
  [['owner', 'sessions', 'revoke', S], S, 1, /argument 4/],
  [['ui', '--listen', S], S, 2, /argument 3/],
  [['request-config', '--url', S], S, 2, /--url/],
  [['--json', `-x${S}`], S, 2, /argument 2/],
];

test('no usage error echoes an argument value that may be a secret', async (t) => {
  const home = await initHome(t);
  const env = { B3IQ_KEYCHAIN: 'off' };
  const failures = [];
  // A few at a time: the machine is shared.
  for (let i = 0; i < CASES.length; i += 4) {
    await Promise.all(
      CASES.slice(i, i + 4).map(async ([argv, secret, code, says]) => {
        const r = await run(argv, { home, env });
        const both = r.stdout + r.stderr;
        const label = JSON.stringify(argv);
        if (both.toLowerCase().includes(secret.toLowerCase())) failures.push(`${label}: echoed ${secret}: ${both}`);
        if (r.code !== code) failures.push(`${label}: exit ${r.code}, expected ${code}: ${r.stderr}`);
        if (!says.test(r.stderr)) failures.push(`${label}: message ${JSON.stringify(r.stderr)} does not match ${says}`);
        if (!/\[?E_[A-Z_]+\]?/.test(r.stderr)) failures.push(`${label}: no E_ code: ${r.stderr}`);
      }),
    );
  }
  assert.deepEqual(failures, []);
});

test('ids, known choices and flags are still named', async (t) => {
  const home = await initHome(t);
  const env = { B3IQ_KEYCHAIN: 'off' };
  const show = await run(['keys', 'show', 'lk_abcdefgh1234'], { home, env });
  assert.equal(show.code, 1);
  assert.match(show.stderr, /lk_abcdefgh1234/);
  const forbidden = await run(['support', 'grant', '--scope', 'keys:write', '--out', '-'], { home, env });
  assert.equal(forbidden.code, 2);
  assert.match(forbidden.stderr, /keys:write is forbidden/);
  const typo = await run(['kyes'], { home, env });
  assert.match(typo.stderr, /did you mean keys\?/);
  const flag = await run(['--password=x', 'status'], { home, env });
  assert.match(flag.stderr, /--password would put a secret/);
});
