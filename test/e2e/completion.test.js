// Completions and the man page through real shells and man.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ok, run, tempDir, BIN, ROOT } from '../helpers/cli.js';

/** A PATH with `b3iq` on it, as after an install. */
function pathWithB3iq(t) {
  const dir = tempDir('b3iq-bin-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync(BIN, join(dir, 'b3iq'));
  return `${dir}:${process.env.PATH}`;
}

test('b3iq completion SHELL prints exactly the committed file', async () => {
  for (const [shell, file] of [['bash', 'b3iq.bash'], ['zsh', '_b3iq'], ['fish', 'b3iq.fish']]) {
    const r = await ok(['completion', shell]);
    assert.equal(r.stdout, readFileSync(join(ROOT, 'completions', file), 'utf8'), shell);
  }
  const bad = await run(['completion', 'tcsh']);
  assert.equal(bad.code, 2);
});

test("bash -c 'source <(b3iq completion bash); complete -p b3iq' registers the completion", (t) => {
  const r = spawnSync('bash', ['-c', 'source <(b3iq completion bash) && complete -p b3iq'], { env: { PATH: pathWithB3iq(t), HOME: tempDir() }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'complete -F _b3iq b3iq');
});

/** Runs the bash completion function on a command line; returns COMPREPLY. */
function complete(t, line) {
  const script = `source <(b3iq completion bash)
COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}
_b3iq
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script], { env: { PATH: pathWithB3iq(t), HOME: tempDir() }, encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).sort();
}

test('bash completion: commands, subcommands, flags, option and argument choices', (t) => {
  assert.ok(complete(t, 'b3iq ').includes('keys'));
  assert.deepEqual(complete(t, 'b3iq sc'), ['scan']);
  assert.deepEqual(complete(t, 'b3iq keys cr'), ['create']);
  assert.deepEqual(complete(t, 'b3iq keys create --scope '), ['inference', 'models:read', 'usage:read']);
  assert.deepEqual(complete(t, 'b3iq --json keys create --name x --sc'), ['--scope']);
  assert.deepEqual(complete(t, 'b3iq completion '), ['bash', 'fish', 'zsh']);
  assert.deepEqual(complete(t, 'b3iq doctor --confirm-rotated ro'), ['router-secrets']);
  assert.ok(complete(t, 'b3iq doctor --').includes('--production'));
  assert.ok(complete(t, 'b3iq scan --').includes('--home'), 'global flags everywhere');
  assert.deepEqual(complete(t, 'b3iq --home /tmp ke'), ['keys'], '--home consumes its value');
  assert.ok(complete(t, 'b3iq scan packa').includes('package.json'), 'paths complete as files');
});

test('man -l man/b3iq.1 renders, with every command and the hand-written sections', () => {
  const r = spawnSync('man', ['-l', join(ROOT, 'man', 'b3iq.1')], { env: { ...process.env, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat' }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const s of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'GLOBAL OPTIONS', 'COMMANDS', 'SECRET INPUT', 'ENVIRONMENT', 'FILES', 'EXIT STATUS', 'SECURITY', 'EXAMPLES']) {
    assert.match(r.stdout, new RegExp(`^${s}$`, 'm'), s);
  }
  for (const c of ['b3iq scan', 'b3iq request-config', 'b3iq doctor', 'b3iq audit', 'b3iq keys create', 'b3iq completion']) assert.match(r.stdout, new RegExp(`^ {3}${c}$`, 'm'), c);
  assert.match(r.stdout, /curl -fsS -K <\(b3iq request-config\)/);
  // groff itself: no warnings at all.
  const g = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z', join(ROOT, 'man', 'b3iq.1')], { encoding: 'utf8' });
  assert.equal(g.status, 0);
  assert.equal(g.stderr, '');
});

test('zsh and fish accept their completion scripts (syntax check in the real shells)', (t) => {
  for (const [shell, args] of [['zsh', ['-n', join(ROOT, 'completions', '_b3iq')]], ['fish', ['--no-execute', join(ROOT, 'completions', 'b3iq.fish')]]]) {
    const found = spawnSync('sh', ['-c', `command -v ${shell}`], { encoding: 'utf8' });
    if (found.status !== 0) {
      if (process.env.CI) assert.fail(`${shell} is not installed (.ci/run installs it)`);
      t.diagnostic(`${shell} not installed here; skipped`);
      continue;
    }
    const r = spawnSync(shell, args, { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tempDir() } });
    assert.equal(r.status, 0, `${shell}: ${r.stderr}`);
  }
});
