// The operator UI's enrollment section in a real headless Chromium: join the managed
// workflow by typing the owner password again, see it in `b3iq enroll status`, leave it
// with the button; screenshots of each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { BIN, baseEnv, run, tempHome, ROOT } from '../helpers/cli.js';
import { launch, missingBrowser, shot } from './chromium.js';

const PW = 'lantern orchid basalt 91';
const missing = missingBrowser();
if (missing && process.env.CI) throw new Error(`browser suite: ${missing}`);

function startUi(home) {
  const child = spawn(process.execPath, [BIN, 'ui', '--port', '0'], {
    cwd: ROOT,
    env: baseEnv(home, { B3IQ_KEYCHAIN: 'off' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0].trim());
    });
    child.once('exit', (code) => reject(new Error(`b3iq ui exited ${code}`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(undefined);
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { url, stop };
}

test('enrollment in the operator UI (headless Chromium)', { skip: missing, timeout: 180_000 }, async (t) => {
  const home = tempHome(t);
  assert.equal((await run(['init'], { home })).code, 0);
  const token = JSON.parse((await run(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  assert.equal((await run(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: token })).code, 0);
  const ui = startUi(home);
  t.after(() => ui.stop());
  const base = await ui.url;
  const browser = await launch();
  t.after(() => browser.close());
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}login`);
  await page.fill('#password', PW);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  assert.equal(page.url(), base);
  assert.match(await page.textContent('#enrollment'), /managed\s*not enrolled/);
  await shot(page, 'enroll-01-off');

  // A wrong password: refused on the page, nothing joined.
  await page.fill('form:has(#join-managed) input[name=password]', 'not the owner password 7');
  await Promise.all([page.waitForURL(/\?m=/), page.click('#join-managed')]);
  assert.match(await page.textContent('main'), /owner password is wrong/);
  assert.equal(JSON.parse((await run(['enroll', 'status', '--json'], { home })).stdout).managed, null);

  await page.fill('form:has(#join-managed) input[name=password]', PW);
  await Promise.all([page.waitForURL(/\?m=/), page.click('#join-managed')]);
  assert.match(await page.textContent('main'), /Joined the managed workflow/);
  await shot(page, 'enroll-02-joined');
  const joined = JSON.parse((await run(['enroll', 'status', '--json'], { home })).stdout);
  assert.ok(joined.managed?.since);

  await Promise.all([page.waitForURL(/\?m=/), page.click('#leave-managed')]);
  assert.match(await page.textContent('main'), /Left the managed workflow/);
  await shot(page, 'enroll-03-left');
  assert.equal(JSON.parse((await run(['enroll', 'status', '--json'], { home })).stdout).managed, null);
  assert.ok(!(await page.content()).includes(PW));
});
