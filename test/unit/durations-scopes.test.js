import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, formatDuration } from '../../dist/core/durations.js';
import { validateScopes } from '../../dist/core/scopes.js';

test('durations: s m h d and never', () => {
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration('4h'), 14_400_000);
  assert.equal(parseDuration('30d'), 2_592_000_000);
  assert.equal(parseDuration('never', { allowNever: true }), null);
  for (const bad of ['', '0s', '-1h', '1.5h', '1w', 'h', '4 h', 'never', '99999999d', 'x'.repeat(100)]) {
    assert.throws(() => parseDuration(bad), { code: 'E_DURATION', exitCode: 2 }, bad);
  }
  assert.equal(formatDuration(14_400_000), '4h');
});

test('scopes: local allow-list with inference default', () => {
  assert.deepEqual(validateScopes('local', undefined), ['inference']);
  assert.deepEqual(validateScopes('local', ['models:read', 'usage:read,inference']), ['models:read', 'usage:read', 'inference']);
  assert.throws(() => validateScopes('local', ['admin']), { code: 'E_SCOPE_UNKNOWN', exitCode: 2 });
  assert.throws(() => validateScopes('local', ['diagnostics:read']), { code: 'E_SCOPE_UNKNOWN' });
});

test('scopes: support grants refuse the forbidden scopes by name, with a reason', () => {
  assert.deepEqual(validateScopes('support', undefined), ['diagnostics:read']);
  const reasons = {
    'keys:write': /API keys/,
    'owner:recover': /owner/,
    'wallet:reveal': /wallet/,
    exec: /execute/,
    'prompts:read': /prompts/,
  };
  for (const [scope, why] of Object.entries(reasons)) {
    assert.throws(
      () => validateScopes('support', [scope]),
      (/** @type {any} */ e) => e.code === 'E_SCOPE_FORBIDDEN' && e.exitCode === 2 && why.test(e.message),
      scope,
    );
  }
  assert.throws(() => validateScopes('support', ['inference']), { code: 'E_SCOPE_UNKNOWN' });
});
