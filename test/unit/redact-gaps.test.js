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

test('positional credential files: ipsec.secrets, chap/pap-secrets, smbpasswd, one-line Terraform variables', () => {
  const cases = [
    [': RSA key.pem "myPassphrase1"', 'myPassphrase1'],
    [': ECDSA /etc/ipsec.d/private/ec.pem "ecPass-77"', 'ecPass-77'],
    ['carol : EAP "Car0lPass"', 'Car0lPass'],
    ['dave : XAUTH "D4vePass"', 'D4vePass'],
    [': PIN %smartcard:4 "482913"', '482913'],
    ['"bob" * "S3cr3tPass" *', 'S3cr3tPass'],
    ['bob\t*\tS3cr3tPass\t*', 'S3cr3tPass'],
    ['alice pptpd Al1cePass *', 'Al1cePass'],
    ['alice pptpd Al1cePass 10.0.0.2', 'Al1cePass'],
    ['bob:1000:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:8846F7EAEE8FB117AD06BDD830B7586C:[U          ]:LCT-5F8A2B3C:', '8846F7EAEE8FB117AD06BDD830B7586C'],
    ['bob:1000:E52CAC67419A9A224A3B108F3FA6CB6D:8846F7EAEE8FB117AD06BDD830B7586C:[U          ]:LCT-5F8A2B3C:', 'E52CAC67419A9A224A3B108F3FA6CB6D'],
    ['variable "db_password" { default = "Hunter2Hunter2" }', 'Hunter2Hunter2'],
    ['variable "api_token" {default="tf-9f2c4e6a8b1d3f5e"}', 'tf-9f2c4e6a8b1d3f5e'],
  ];
  for (const [line, secret] of cases) gone(line, secret);
});

test('positional look-alikes stay clean', () => {
  for (const line of [
    ': RSA mykey.pem',
    'x = 2 * 3 * 4',
    'a * b *',
    'GET /index.html * 200',
    'variable "region" { default = "eu-west-1" }',
    'bob:1000:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:[DU         ]:LCT-5F8A2B3C:',
  ])
    kept(line);
});

test('positional rules stay linear on 1 MB adversarial lines', () => {
  for (const line of [': RSA ' + 'a'.repeat(1e6), ': EAP ' + '"a "'.repeat(250000), 'a:1:' + '0'.repeat(1e6) + ':LCT-', 'variable "' + 'x'.repeat(1e6)]) {
    const t0 = performance.now();
    red(line);
    assert.ok(performance.now() - t0 < 1500, line.slice(0, 12));
  }
});

test('lines a credential file header announces: Rails master.key, multi-line Terraform variable blocks', () => {
  const KEY = '9f2c4e6a8b1d3f5e7c9a0b2d4f6e8a1c';
  for (const header of [
    '$ cat config/master.key',
    'deploy@web1:/srv/app$ cat /srv/app/config/master.key',
    '==> config/credentials/production.key <==',
    '# cat config/credentials/staging.key',
  ])
    gone(`${header}\n${KEY}\n`, KEY);
  gone('RAILS_MASTER_KEY=' + KEY, KEY);
  gone('secret_key_base: 3b1f9e0c2d4a6b8c0e2f4a6b8d0c2e4f6a8b0d2c4e6f8a0b', '3b1f9e0c2d4a6b8c0e2f4a6b8d0c2e4f6a8b0d2c4e6f8a0b');
  gone('variable "db_password" {\n  type = string\n  default = "Hunter2Hunter2"\n}\n', 'Hunter2Hunter2');
  gone('variable "admin" {\n  sensitive = true\n  default   = "Adm1nPassw0rd"\n}\n', 'Adm1nPassw0rd');
  // a 32-hex line with no such header (a build id, a digest) stays
  kept(`$ cat build-id.txt\n${KEY}\n`);
  kept(`$ cat config/master.key\nNo such file or directory\n${KEY}\n`);
  kept('variable "region" {\n  default = "eu-west-1"\n}\n');
  kept('variable "db_password" {\n  type = string\n}\ndefault = "plain"\n');
});

test('the announced-line state gives the same output through the stream in small chunks', async () => {
  const { createRedactStream } = await import('../../dist/redact/index.js');
  const text = '$ cat config/master.key\n9f2c4e6a8b1d3f5e7c9a0b2d4f6e8a1c\nvariable "admin" {\n  sensitive = true\n  default = "Adm1nPassw0rd"\n}\npin=4821\n';
  const s = createRedactStream(OPTS);
  let out = '';
  s.on('data', (d) => {
    out += d;
  });
  const done = new Promise((r) => s.on('end', r));
  for (let i = 0; i < text.length; i += 5) s.write(text.slice(i, i + 5));
  s.end();
  await done;
  assert.equal(out, red(text));
  assert.ok(!out.includes('Adm1nPassw0rd') && !out.includes('9f2c4e6a') && !out.includes('4821'), out);
});
