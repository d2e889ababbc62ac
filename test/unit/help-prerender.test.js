// bin/b3iq.js answers `b3iq --help` from dist/cli/help.txt, rendered at build time from the
// command tree: it must stay exactly what commander prints, and --version what package.json says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, BIN, baseEnv } from '../helpers/cli.js';

const node = (args) => spawnSync(process.execPath, args, { cwd: ROOT, env: baseEnv(undefined), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const viaCommander = (argv) =>
  node([
    '--input-type=module',
    '-e',
    `const { main } = await import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'main.js'))}); process.exitCode = await main(${JSON.stringify(argv)});`,
  ]);

test('the build prerenders the top-level help', () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli', 'help.txt')), 'npm run build writes dist/cli/help.txt');
});

test('b3iq --help, -h and no arguments print exactly what commander renders from the command tree', () => {
  const expected = viaCommander(['--help']);
  assert.equal(expected.status, 0);
  assert.match(expected.stdout, /^Usage: b3iq /);
  assert.equal(readFileSync(join(ROOT, 'dist', 'cli', 'help.txt'), 'utf8'), expected.stdout);
  for (const argv of [['--help'], ['-h'], []]) {
    const r = node([BIN, ...argv]);
    assert.equal(r.status, 0, argv.join(' '));
    assert.equal(r.stdout, expected.stdout, `b3iq ${argv.join(' ')}`);
    assert.equal(r.stderr, '');
  }
  assert.equal(viaCommander([]).stdout, expected.stdout);
});

test("b3iq --version and -V print package.json's version, as commander does", () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const flag of ['--version', '-V']) assert.equal(node([BIN, flag]).stdout, `${version}\n`);
  assert.equal(viaCommander(['--version']).stdout, `${version}\n`);
});

test('help for a command still comes from commander through the full CLI', () => {
  const r = node([BIN, 'keys', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Usage: b3iq keys/);
});
