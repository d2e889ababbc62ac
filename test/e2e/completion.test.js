// Completions and the man page through real shells and man.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ok, run, tempDir, BIN, ROOT } from '../harness/index.js';

/** A PATH with `b3iq` on it, as after an install. */
function pathWithB3iq(t) {
  const dir = tempDir('b3iq-bin-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync(BIN, join(dir, 'b3iq'));
  return `${dir}:${process.env.PATH}`;
}

test('b3iq completion SHELL prints exactly the committed file', async () => {
  for (const [shell, file] of [
    ['bash', 'b3iq.bash'],
    ['zsh', '_b3iq'],
    ['fish', 'b3iq.fish'],
  ]) {
    const r = await ok(['completion', shell]);
    assert.equal(r.stdout, readFileSync(join(ROOT, 'completions', file), 'utf8'), shell);
  }
  const bad = await run(['completion', 'tcsh']);
  assert.equal(bad.code, 2);
});

test("bash -c 'source <(b3iq completion bash); complete -p b3iq' registers the completion", (t) => {
  const r = spawnSync('bash', ['-c', 'source <(b3iq completion bash) && complete -p b3iq'], {
    env: { PATH: pathWithB3iq(t), HOME: tempDir() },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'complete -F _b3iq b3iq');
});

/**
 * Runs the bash completion function on a command line; returns COMPREPLY. Sources the
 * committed script (the first test proves `b3iq completion bash` prints exactly it, the
 * second that sourcing its output registers it), so each case costs a bash, not a node.
 */
function complete(t, line) {
  const script = `source ${JSON.stringify(join(ROOT, 'completions', 'b3iq.bash'))}
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
  for (const s of [
    'NAME',
    'SYNOPSIS',
    'DESCRIPTION',
    'GLOBAL OPTIONS',
    'COMMANDS',
    'SECRET INPUT',
    'ENVIRONMENT',
    'FILES',
    'EXIT STATUS',
    'SECURITY',
    'EXAMPLES',
  ]) {
    assert.match(r.stdout, new RegExp(`^${s}$`, 'm'), s);
  }
  for (const c of ['b3iq scan', 'b3iq request-config', 'b3iq doctor', 'b3iq audit', 'b3iq keys create', 'b3iq completion'])
    assert.match(r.stdout, new RegExp(`^ {3}${c}$`, 'm'), c);
  assert.match(r.stdout, /curl -fsS -K <\(b3iq request-config\)/);
  // groff itself: no warnings at all.
  const g = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z', join(ROOT, 'man', 'b3iq.1')], { encoding: 'utf8' });
  assert.equal(g.status, 0);
  assert.equal(g.stderr, '');
});

test('zsh and fish accept their completion scripts (syntax check in the real shells)', (t) => {
  for (const [shell, args] of /** @type {[string, string[]][]} */ ([
    ['zsh', ['-n', join(ROOT, 'completions', '_b3iq')]],
    ['fish', ['--no-execute', join(ROOT, 'completions', 'b3iq.fish')]],
  ])) {
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

/** A home with one live key, one revoked key, a saved key, a support grant and a setup token. */
async function homeWithCredentials(t) {
  const { initHome, issueKey } = await import('../helpers/cli.js');
  const home = await initHome(t);
  const live = await issueKey(home, [], 'web');
  const gone = await issueKey(home, [], 'old');
  await ok(['keys', 'revoke', gone.id], { home });
  const saved = JSON.parse((await ok(['keys', 'create', '--name', 'kc', '--save', 'keychain', '--json'], { home, env: { B3IQ_KEYCHAIN: 'off' } })).stdout);
  const grant = JSON.parse((await ok(['support', 'grant', '--out', '-', '--json'], { home })).stdout);
  const setup = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout);
  return { home, live: live.id, gone: gone.id, saved: saved.id, grant: grant.id, setup: setup.id };
}

test('b3iq __complete-ids: ids and labels from the records, no secrets, no write, fast', async (t) => {
  const { readTree } = await import('../helpers/cli.js');
  const h = await homeWithCredentials(t);
  const before = readTree(h.home).map((f) => [f.path, f.data.toString('base64')]);
  const ids = async (set, extra = []) => (await ok(['__complete-ids', set, ...extra], { home: h.home })).stdout;
  const localLive = await ids('local-live');
  assert.deepEqual(
    localLive
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0])
      .sort(),
    [h.live, h.saved].sort(),
  );
  assert.match(localLive, new RegExp(`${h.live}\tweb, live`));
  assert.doesNotMatch(localLive + (await ids('local-all')), /b3iq_|sha256/);
  assert.ok((await ids('local-all')).includes(h.gone));
  assert.equal((await ids('local-saved')).split('\t')[0], h.saved);
  assert.equal((await ids('support-live')).split('\t')[0], h.grant);
  assert.equal((await ids('setup-live')).split('\t')[0], h.setup);
  assert.equal((await ok(['__complete-ids', 'local-live', '--home', h.home])).stdout, localLive, '--home is honoured');
  assert.equal((await ok(['__complete-ids', 'bogus'], { home: h.home })).stdout, '');
  assert.equal((await ok(['__complete-ids', 'local-live'], { home: join(tempDir(), 'none') })).stderr, '', 'no home: nothing, silently');
  assert.deepEqual(
    readTree(h.home).map((f) => [f.path, f.data.toString('base64')]),
    before,
    'nothing written',
  );
  // Start-up: one small process per TAB, within the budget of `b3iq --version` (the thin
  // entry that loads nothing). Measured interleaved, best of 7, so load affects both alike.
  const time = (args) => {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, args, { env: { ...process.env, B3IQ_HOME: h.home } });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const runs = { bare: [], version: [], ids: [] };
  for (let i = 0; i < 7; i++) {
    runs.bare.push(time(['-e', '0']));
    runs.version.push(time([BIN, '--version']));
    runs.ids.push(time([BIN, '__complete-ids', 'local-live']));
  }
  const [bare, version, ms] = [runs.bare, runs.version, runs.ids].map((r) => Math.min(...r));
  t.diagnostic(`__complete-ids ${ms.toFixed(1)} ms, b3iq --version ${version.toFixed(1)} ms, node -e 0 ${bare.toFixed(1)} ms`);
  // The timing is a diagnostic with a wide margin (a loaded machine swings it); what keeps
  // it fast is checked exactly: answering loads neither commander nor the command tree.
  assert.ok(ms < version * 3 + 300, `__complete-ids took ${ms} ms vs --version ${version} ms`);
  const probe = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
    import { createRequire } from 'node:module';
    const { completeIdsMain } = await import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'complete-ids.js'))});
    await completeIdsMain(['local-live'], process.env, () => {});
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    process.stdout.write(JSON.stringify(loaded.filter((f) => /commander|inquirer|kleur|noble/.test(f))));`,
    ],
    { env: { ...process.env, B3IQ_HOME: h.home }, encoding: 'utf8' },
  );
  assert.equal(probe.status, 0, probe.stderr);
  assert.deepEqual(JSON.parse(probe.stdout), [], 'no commander, prompts, colours or hashing loaded');
});

test('bash completes credential ids: keys revoke/show/rotate/forget, support revoke, setup-token revoke', async (t) => {
  const h = await homeWithCredentials(t);
  const completeIn = (line) => {
    const script = `source <(b3iq completion bash)
COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}
_b3iq
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', script], { env: { PATH: pathWithB3iq(t), HOME: tempDir(), B3IQ_HOME: h.home }, encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter(Boolean).sort();
  };
  assert.deepEqual(completeIn('b3iq keys revoke '), [h.live, h.saved].sort());
  assert.deepEqual(completeIn(`b3iq keys revoke ${h.live} `), [h.live, h.saved].sort(), 'every position of a variadic');
  assert.ok(completeIn('b3iq keys show ').includes(h.gone));
  assert.deepEqual(completeIn('b3iq keys forget '), [h.saved]);
  assert.deepEqual(completeIn('b3iq keys rotate '), [h.live, h.saved].sort());
  assert.deepEqual(completeIn('b3iq support revoke '), [h.grant]);
  assert.deepEqual(completeIn('b3iq setup-token revoke '), [h.setup]);
  assert.deepEqual(completeIn(`b3iq --home ${join(tempDir(), 'elsewhere')} keys revoke `), [], '--home on the line is used');
});

test('zsh and fish complete credential ids from the records', async (t) => {
  const h = await homeWithCredentials(t);
  const env = { PATH: pathWithB3iq(t), HOME: tempDir(), B3IQ_HOME: h.home };
  for (const shell of ['zsh', 'fish']) {
    if (spawnSync('sh', ['-c', `command -v ${shell}`]).status !== 0) {
      if (process.env.CI) assert.fail(`${shell} is not installed`);
      t.diagnostic(`${shell} not installed here; skipped`);
      return;
    }
  }
  // fish: its own completion engine, non-interactively.
  const f = spawnSync(
    'fish',
    ['-c', `source ${join(ROOT, 'completions', 'b3iq.fish')}; complete -C 'b3iq setup-token revoke '; complete -C 'b3iq keys revoke '`],
    { env, encoding: 'utf8' },
  );
  assert.equal(f.status, 0, f.stderr);
  assert.match(f.stdout, new RegExp(`^${h.setup}\tsetup token, live$`, 'm'));
  assert.match(f.stdout, new RegExp(`^${h.live}\tweb, live$`, 'm'));
  assert.doesNotMatch(f.stdout, new RegExp(h.gone));
  // zsh: the helper the generated specs call, with _describe stubbed to print its candidates.
  const z = spawnSync(
    'zsh',
    [
      '-c',
      `source <(sed -n '/^_b3iq_ids()/,/^}/p' ${join(ROOT, 'completions', '_b3iq')}); _describe() { print -l -- \${(P)4} }; BUFFER='b3iq keys revoke '; _b3iq_ids local-live`,
    ],
    { env, encoding: 'utf8' },
  );
  assert.equal(z.status, 0, z.stderr);
  assert.deepEqual(z.stdout.split('\n').filter(Boolean).sort(), [`${h.live}:web, live`, `${h.saved}:kc, live`].sort());
  assert.match(readFileSync(join(ROOT, 'completions', '_b3iq'), 'utf8'), /'\*:ids:_b3iq_ids local-live'/);
});

test('owner sessions revoke <TAB> offers the live owner sessions (bash), never the session secret', async (t) => {
  const { initHome } = await import('../helpers/cli.js');
  const { writeFileSync } = await import('node:fs');
  const home = await initHome(t);
  const setup = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout);
  const pw = join(tempDir(), 'pw');
  writeFileSync(pw, 'lantern orchid basalt 91', { mode: 0o600 });
  await ok(['setup', '--password-file', pw], { home, input: setup.token });
  const { openStore } = await import('../../dist/index.js');
  const store = await openStore({ home, live: false });
  const login = await store.ownerLogin('lantern orchid basalt 91', { client: 'test-browser' });
  store.close();
  assert.equal(login.ok, true);
  const listed = (await ok(['owner', 'sessions', '--json'], { home })).stdout;
  const id = JSON.parse(listed).sessions?.[0]?.id ?? JSON.parse(listed)[0]?.id;
  assert.match(id, /^os_/);
  const out = (await ok(['__complete-ids', 'owner-session-live'], { home })).stdout;
  assert.match(out, new RegExp(`^${id}\ttest-browser, until `));
  assert.ok(!out.includes(login.cookie ?? '\u0000') && !out.includes('sha256'));
  const script = `source <(b3iq completion bash)
COMP_LINE='b3iq owner sessions revoke '; COMP_POINT=\${#COMP_LINE}
_b3iq
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script], { env: { PATH: pathWithB3iq(t), HOME: tempDir(), B3IQ_HOME: home }, encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\n').filter(Boolean), [id]);
  await ok(['owner', 'logout-all'], { home });
  assert.equal((await ok(['__complete-ids', 'owner-session-live'], { home })).stdout, '', 'signed out: nothing offered');
});
