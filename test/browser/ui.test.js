// The operator UI in a real headless Chromium: setup from the URL `b3iq setup-token create
// --url` prints, cookie flags through the DevTools protocol, a key shown once, revoke, sign
// out and in, throttling, and a second tab signed out by `b3iq owner logout-all`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { BIN, baseEnv, run, tempHome, ROOT } from '../helpers/cli.js';
import { ARTIFACTS, launch, missingBrowser, shot } from './chromium.js';

const PW = 'lantern orchid basalt 91';
const missing = missingBrowser();
if (missing && process.env.CI) throw new Error(`browser suite: ${missing}`);

/** `b3iq ui --port 0`: resolves its URL (first stdout line) and a way to stop it. */
function startUi(home) {
  const child = spawn(process.execPath, [BIN, 'ui', '--port', '0'], { cwd: ROOT, env: baseEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (log += d));
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0].trim());
    });
    child.once('exit', (code) => reject(new Error(`b3iq ui exited ${code}: ${log}`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { url, stop, log: () => log };
}

async function signIn(page, base, password) {
  await page.goto(`${base}login`);
  await page.fill('#password', password);
  const [resp] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return resp;
}

test('the operator UI in headless Chromium', { skip: missing, timeout: 180_000 }, async (t) => {
  const home = tempHome(t);
  assert.equal((await run(['init'], { home })).code, 0);
  const ui = startUi(home);
  t.after(() => ui.stop());
  const base = await ui.url;
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/$/);

  const created = await run(['setup-token', 'create', '--url', base.replace(/\/$/, ''), '--out', '-'], { home });
  assert.equal(created.code, 0, created.stderr);
  const setupUrl = created.stdout.trim();
  assert.match(setupUrl, /^http:\/\/127\.0\.0\.1:\d+\/setup#token=b3iq_setup_\w+$/);
  const setupToken = setupUrl.split('#token=')[1];

  const browser = await launch();
  t.after(() => browser.close());
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cspErrors = [];
  page.on('console', (m) => /Content.Security.Policy|Refused to/i.test(m.text()) && cspErrors.push(m.text()));

  // 1. Setup from the URL: the script moves the token out of the fragment into the form.
  const setupResp = await page.goto(setupUrl);
  assert.equal(setupResp.headers()['x-frame-options'], 'DENY');
  assert.equal(setupResp.headers()['referrer-policy'], 'no-referrer');
  assert.match(setupResp.headers()['content-security-policy'], /script-src 'nonce-[^']+'; .*frame-ancestors 'none'/);
  assert.equal(await page.evaluate(() => location.hash), '', 'the fragment is gone from the address bar');
  assert.equal(await page.isHidden('#token-row'), true);
  assert.equal(await page.inputValue('#token'), setupToken);
  await shot(page, '01-setup');
  await page.fill('#password', PW);
  await page.fill('#password2', PW);
  await Promise.all([page.waitForURL(`${base}?**`), page.click('button[type=submit]')]);
  assert.match(await page.textContent('main'), /you are signed in/);
  await shot(page, '02-overview-after-setup');

  // 2. The cookie, as the browser holds it (DevTools protocol).
  const cdp = await ctx.newCDPSession(page);
  const { cookies } = await cdp.send('Network.getAllCookies');
  const c = cookies.find((x) => x.name === 'b3iq_session');
  assert.ok(c, 'session cookie set');
  assert.equal(c.httpOnly, true);
  assert.equal(c.sameSite, 'Strict');
  assert.equal(c.path, '/');
  assert.equal(c.domain, '127.0.0.1', 'host-only (no Domain attribute)');
  assert.equal(c.secure, false, 'plain http on loopback: Secure needs https');
  assert.match(c.value, /^b3iq_session_\w{49}$/);
  assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read it');

  // 3. A key, shown once: a reload does not show it again.
  await page.fill('input[name=name]', 'browser-ci');
  let secretHeaders;
  page.once('response', (r) => (secretHeaders = r.url().includes('/secret') ? r.headers() : secretHeaders));
  await Promise.all([page.waitForURL(/\/secret\?s=/), page.click('#create-key')]);
  const key = (await page.textContent('#secret')).trim();
  assert.match(key, /^b3iq_local_\w{49}$/);
  await shot(page, '03-key-shown-once');
  const verified = await run(['keys', 'verify', '--json'], { home, input: key + '\n' });
  assert.equal(JSON.parse(verified.stdout).valid, true, 'the key the page showed is a live key of this node');
  const keyId = JSON.parse(verified.stdout).id;
  const reloaded = await page.reload();
  assert.equal(reloaded.status(), 410);
  assert.match(reloaded.headers()['cache-control'], /no-store/);
  assert.ok(!(await page.content()).includes(key), 'a reload does not show the key again');
  await shot(page, '04-key-reload-gone');
  if (secretHeaders) assert.match(secretHeaders['cache-control'], /no-store/);

  // 4. Revoke it.
  await page.goto(base);
  await Promise.all([page.waitForURL(/\?m=/), page.click(`form[action="/keys/revoke"] button[data-id="${keyId}"]`)]);
  assert.match(await page.textContent('main'), new RegExp(`Revoked ${keyId}`));
  await shot(page, '05-key-revoked');
  const after = await run(['keys', 'verify', '--json'], { home, input: key + '\n' });
  assert.equal(JSON.parse(after.stdout).reason, 'revoked');

  // 5. Sign out, then in again.
  await page.goto(`${base}logout`);
  await shot(page, '06-logout');
  await Promise.all([page.waitForURL(/\/login/), page.click('#signout')]);
  await shot(page, '07-login-after-signout');
  const { cookies: gone } = await cdp.send('Network.getAllCookies');
  assert.equal(gone.filter((x) => x.name === 'b3iq_session').length, 0, 'the cookie is cleared');
  assert.equal((await page.goto(base)).url(), `${base}login`, 'the overview needs a session');
  await signIn(page, base, PW);
  assert.equal(page.url(), base);

  // 6. A second tab, then `b3iq owner logout-all` in a terminal: both tabs are signed out.
  const tab2 = await ctx.newPage();
  await tab2.goto(base);
  assert.equal(tab2.url(), base);
  const out = await run(['owner', 'logout-all'], { home });
  assert.equal(out.code, 0, out.stderr);
  const t0 = Date.now();
  let signedOutAfter = -1;
  while (Date.now() - t0 < 5000) {
    await tab2.reload();
    if (tab2.url().endsWith('/login')) {
      signedOutAfter = Date.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(signedOutAfter >= 0 && signedOutAfter < 2000, `second tab signed out after ${signedOutAfter} ms`);
  await shot(tab2, '08-second-tab-signed-out');
  await page.reload();
  assert.ok(page.url().endsWith('/login'));

  // 7. Throttling: wrong passwords from this client, then a lock-out (429 with Retry-After).
  const statuses = [];
  for (let i = 0; i < 6; i++) {
    await page.fill('#password', `wrong password ${i}`);
    const [resp] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    statuses.push(resp.status());
  }
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.equal(statuses[5], 429);
  assert.match(await page.textContent('main'), /Too many attempts: try again in \d+ s/);
  await shot(page, '09-throttled');

  assert.deepEqual(cspErrors, [], 'no CSP violations');
  const log = ui.log();
  for (const secret of [setupToken, key, c.value, PW]) assert.ok(!log.includes(secret), 'the UI log holds no secret');
  assert.match(log, /POST \/login 401 -/);
  const shots = readdirSync(ARTIFACTS)
    .filter((f) => f.endsWith('.png'))
    .sort();
  process.stderr.write(`# screenshots in ${ARTIFACTS}: ${shots.join(', ')}\n# logout-all seen by the second tab after ${signedOutAfter} ms\n`);
});
