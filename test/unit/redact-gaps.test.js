// Recall gaps closed as classes: PIN, passcode and one-time code keys; each table leaked
// before its rule, and the look-alikes beside it stay clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const red = (text) => redact(text, OPTS).text;

function gone(text, secret) {
  const out = red(text);
  assert.ok(!out.includes(secret), `${text}\n  leaked in: ${out}`);
  assert.match(out, /\[REDACTED:[a-z0-9-]+\]/, text);
}
function kept(text) {
  assert.equal(red(text), text, 'no marker expected');
}

const PIN_KEYS = [
  'pin',
  'PIN',
  'SIM_PIN',
  'passcode',
  'PASSCODE',
  'pincode',
  'pinCode',
  'PIN-Code',
  'pass_code',
  'otp_secret',
  'totpSecret',
  'recovery_code',
  'recovery-codes',
  'backup_code',
  'BACKUP_CODES',
  'unlock_code',
  'unlockCode',
  'puk',
  'mfa_code',
];
const FORMS = [(k, v) => `${k}=${v}`, (k, v) => `${k}: ${v}`, (k, v) => `{"${k}": "${v}"}`, (k, v) => `  ${k}: "${v}"`, (k, v) => `export ${k}=${v}`];

test('PIN, passcode and one-time code keys: the value is a secret, even a short number', () => {
  for (const k of PIN_KEYS) for (const f of FORMS) gone(f(k, '482913'), '482913');
  gone('pin=4821', '4821');
  gone('recovery_codes: 7hq2-ke9x-41mz', '7hq2-ke9x-41mz');
});

test('counters and words that merely contain the letters stay clean', () => {
  for (const line of [
    'spinner=3',
    'pinned: true',
    'ping=12ms',
    'opinion=good',
    'pincount=4',
    'pin_count=4',
    'pin_length: 6',
    'gpio_pin=17',
    'led_pin: 13',
    'pin: 17',
    'backup=enabled',
    'unlocked=true',
    'recovery: auto',
    'error_code=500',
  ])
    kept(line);
});

test('a 1 MB line of near-misses stays linear', () => {
  const line = 'spinner=3 pin_count=4 ping '.repeat(40000);
  const t0 = performance.now();
  red(line);
  assert.ok(performance.now() - t0 < 1500, 'slow');
});
