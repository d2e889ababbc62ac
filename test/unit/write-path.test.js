// Every writer goes through home's locked(): temp files a crashed writer left are swept
// whoever writes next, and the audit line lands in the same chain. (The owner service and
// the keychain's file fallback used to take the lock their own way, without the sweep.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initHome } from '../../dist/credentials/store.js';
import { signOutAllSessions } from '../../dist/owner/service.js';
import { openKeychain } from '../../dist/keychain/keychain.js';
import { storeGatewayKey, forgetGatewayKey } from '../../dist/keychain/gateway-key.js';
import { verifyAuditText } from '../../dist/home/audit.js';
import { generateToken } from '../../dist/core/tokens.js';
import { tempHome } from '../helpers/cli.js';

/** A temp file of a writer that died (pid 999999999 is never alive). */
function plantCrashedTemp(home) {
  const file = join(home, '.tmp-owner.json.999999999.aaaaaaaaaaaa');
  writeFileSync(file, 'half-written', { mode: 0o600 });
  return file;
}

test("the owner service writes through locked(): a crashed writer's temp file is swept", async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const temp = plantCrashedTemp(home);
  // No owner yet: the change is refused, but only after the lock was taken and the home swept.
  await assert.rejects(signOutAllSessions(home, Date.now), { code: 'E_NO_OWNER' });
  assert.equal(existsSync(temp), false);
});

test('the gateway key and the keychain file fallback write through locked(), audited in the chain', async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const keychain = await openKeychain({ home, env: { B3IQ_KEYCHAIN: 'off' }, warn: () => {} });
  t.after(() => keychain.close());
  const temp = plantCrashedTemp(home);
  const stored = await storeGatewayKey(keychain, home, generateToken('gateway'), Date.now);
  assert.deepEqual(stored, { backend: 'file', replaced: false });
  assert.equal(existsSync(temp), false);
  assert.equal(await forgetGatewayKey(keychain, home, Date.now), true);
  const audit = readFileSync(join(home, 'audit.log'), 'utf8');
  assert.equal(verifyAuditText(audit).ok, true);
  assert.deepEqual(
    audit
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).action),
    ['init', 'gateway.login', 'gateway.logout'],
  );
});
