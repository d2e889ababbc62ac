// The README's and the man page's headline example, run as written against the shipped
// example server (examples/server.js), with `b3iq` on PATH as the README says to put it
// there. Only the server's port differs: the test's server listens on a free one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, BIN, baseEnv, initHome, tempDir } from '../helpers/cli.js';
import { AFTER_COMMANDS as SECTIONS } from '../../dist/gen/man-text.js';

const hasCurl = spawnSync('curl', ['--version']).status === 0;

function startServer(t, home) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'examples', 'server.js')], {
      cwd: ROOT,
      env: baseEnv(home, { PORT: '0', HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    t.after(
      () =>
        new Promise((r) => {
          if (child.exitCode !== null) return r(undefined);
          child.once('exit', () => r(undefined));
          child.kill('SIGTERM');
        }),
    );
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

/** The bash block that follows `heading` in the README. */
function readmeBlock(heading) {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = text.indexOf(heading);
  assert.ok(at >= 0, heading);
  return /```bash\n([\s\S]*?)```/.exec(text.slice(at))[1];
}

/** A folder with `b3iq` in it, as `npm link` would leave one on PATH. */
function onPath(t) {
  const dir = tempDir('b3iq-path-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'b3iq'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(dir, 'bin', 'b3iq'), 0o755);
  mkdirSync(join(dir, 'work'));
  return dir;
}

function runScript(script, { dir, home, port }) {
  const body = script.replaceAll('127.0.0.1:8080', `127.0.0.1:${port}`);
  assert.ok(!body.includes('…'), 'the block is runnable: no placeholders');
  return spawnSync('bash', ['-euo', 'pipefail', '-c', body], {
    cwd: join(dir, 'work'),
    env: baseEnv(home, { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, B3IQ_KEYCHAIN: 'off' }),
    encoding: 'utf8',
    timeout: 60_000,
    // stdin a socket makes bash read the rc files (as under rshd/sshd); a script has none.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test('README: the install block puts b3iq on PATH with npm link and uses plain b3iq throughout', () => {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.match(readmeBlock('## Install and run'), /^npm link\b/m);
  assert.match(text, /npx b3iq/, 'npx is named as the alternative');
  assert.match(text, /npm install -g b3iq-operator/, 'a global install is named as the alternative');
  // Code blocks and inline commands use one form: plain `b3iq`, never `npx b3iq`.
  for (const [, block] of text.matchAll(/```bash\n([\s\S]*?)```/g)) assert.doesNotMatch(block, /npx b3iq/);
});

test('README: the safe local key pattern runs as written against the example server', { skip: !hasCurl && 'curl is not installed' }, async (t) => {
  const home = await initHome(t);
  const port = await startServer(t, home);
  const dir = onPath(t);
  const r = runScript(readmeBlock('## The safe local key pattern'), { dir, home, port });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))).data[0].id, 'example-model');
  const token = readFileSync(join(dir, 'work', '.secrets', 'b3iq-local-key'), 'utf8').trim();
  assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token));
});

test('man page: the first example runs as written against the example server', { skip: !hasCurl && 'curl is not installed' }, async (t) => {
  const home = await initHome(t);
  const port = await startServer(t, home);
  const dir = onPath(t);
  const examples = SECTIONS.find((s) => s.title === 'EXAMPLES');
  const first = /** @type {any} */ (examples.blocks.find((b) => typeof b === 'object' && 'code' in b));
  const r = runScript(first.code.join('\n'), { dir, home, port });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(JSON.parse(r.stdout).data[0].id, 'example-model');
});
