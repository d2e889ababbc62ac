// Recall on credential-bearing file formats and dumps (environment dumps, tool credential
// files, request/response and object dumps), each with random secrets from a fixed seed, in
// every layout they reach a support bundle in: the raw file, CRLF, behind journald or kubectl
// prefixes, escaped into a JSON log's string, indented under a YAML block, in a code fence.
// No 12-character piece of a secret may survive; the public parts named in `keeps` stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import { RULES } from '../../dist/redact/rules.js';
import { DUMP_RULES } from '../../dist/redact/dumps.js';
import { CLASSES as FILE_CLASSES, LAYOUTS, make, rng } from '../helpers/dump-cases.js';
import { CLASSES2 } from '../helpers/dump-cases-more.js';
import { CLASSES_HTTP } from '../helpers/dump-cases-http.js';

const CLASSES = { ...FILE_CLASSES, ...CLASSES_HTTP, ...CLASSES2 };

const SEEDS = [1, 2];

/** Known gaps: [class, layout] pairs that still leak (see docs/redaction.md, "What is not caught"). */
const GAPS = new Set([
  'rails master.key|*', // a bare 32-hex line after `cat config/master.key`: needs the command line before it
  'hcl terraform|*', // `variable "token" { default = "…" }`: the secret name is the block's label
  'java properties|journald',
  'java properties|kubectl',
  'java properties|json log',
  'java properties|yaml indented', // a continued value behind a per-line prefix
  'k8s pod env|json log', // a `- name:` / `value:` pair escaped into a JSON string with more lines between
  'k8s pod env flow|json log',
  'rust debug pretty|json log',
  'php var_dump|json log',
  'chap-secrets|*', // `user server secret ip`: positional, nothing names the secret
  'openvpn auth-user-pass file|*', // a user line, then a password line: only the file name tells
]);
const isGap = (cls, lay) => GAPS.has(`${cls}|*`) || GAPS.has(`${cls}|${lay}`);

/** The first piece (12 characters, or the whole secret if shorter) of `secret` found in `out`, or null. */
function survivor(out, secret) {
  const n = Math.min(12, secret.length);
  for (let k = 0; k + n <= secret.length; k += 4) if (out.includes(secret.slice(k, k + n))) return secret.slice(k, k + n);
  return null;
}

for (const [cls, gen] of Object.entries(CLASSES)) {
  test(`dumps: ${cls}`, () => {
    const bad = [];
    for (const [lay, frame] of Object.entries(LAYOUTS)) {
      if (isGap(cls, lay)) continue;
      for (const seed of SEEDS) {
        const [text, secrets, keeps = []] = gen(make(rng(seed * 7919 + cls.length * 31 + lay.length)));
        const out = redact(frame(text)).text;
        for (const s of secrets) {
          const piece = survivor(out, s);
          if (piece !== null) bad.push(`${lay}: "${piece}" survived in\n${out}`);
        }
        if (lay === 'raw') for (const k of keeps) if (!out.includes(k)) bad.push(`${lay}: "${k}" was lost in\n${out}`);
      }
    }
    assert.deepEqual(bad, []);
  });
}

test('dumps: public material and references stay', () => {
  const keep = [
    '    - name: SMTP_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: smtp\n          key: password',
    '    - name: DB_PASSWORD\n      value: $(DB_PASSWORD_FROM_SECRET)',
    '  GH_TOKEN: ${{ secrets.GH_TOKEN }}',
    '::add-mask::$API_TOKEN',
    'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
    'SUMO_ACCESS_KEY=${SUMO_ACCESS_KEY:=$2}',
    'config: {Host:db.example.com Port:5432 Debug:false}',
    'Array\n(\n    [host] => db\n    [port] => 5432\n)',
    'GET /callback?code=abc',
    'x-amz-meta-sig=short',
    '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-}',
    'const API_URL = "https://${username}:${password}@api.example.com/v1";',
    '"Cmd": ["server","--port","8080","--verbose"]',
    'requirepass ""',
  ];
  for (const t of keep) assert.equal(redact(t).text, t);
});

test('dumps: a heredoc under a secret key is swallowed to its terminator, the lines after it stay', () => {
  const out = redact('  secret_value = <<-EOT\n    c2VjcmV0LWxpbmUtb25l\n    second-line-2F9k\n  EOT\n  name = "kept"').text;
  assert.equal(out, '  secret_value = [REDACTED:secret]\n  EOT\n  name = "kept"');
  // a heredoc under a key that is not secret stays whole
  const doc = 'description = <<EOT\nA plain paragraph 42.\nEOT';
  assert.equal(redact(doc).text, doc);
});

test('dumps: each new rule stays linear on a 1 MB line', () => {
  const lines = [
    'a:1:b:c:'.repeat(120000),
    '{A:b '.repeat(200000),
    '[password] => '.repeat(70000),
    'name: X, value: '.repeat(60000),
    '$ANSIBLE_VAULT;1.1;AES256\\n'.repeat(38000),
    'x = <<EOT\\n'.repeat(90000),
    '?sig='.repeat(200000),
    'code=&state='.repeat(80000),
    'smtp://u:#'.repeat(100000),
    'Pwd={'.repeat(200000),
    '\\n'.repeat(500000),
    'requirepass '.repeat(90000),
    '"--password",'.repeat(80000),
    '${PASSWORD:-'.repeat(90000),
    'map[Token:['.repeat(90000),
    '[a]:1 u@h:'.repeat(100000),
    'x:y@tcp('.repeat(120000),
    'postgresql+psycopg2://a:'.repeat(40000),
  ];
  for (const rule of DUMP_RULES) assert.ok(RULES.includes(rule), 'every dump rule is registered');
  for (const line of lines) {
    for (const rule of DUMP_RULES) {
      const re = new RegExp(rule.re.source, rule.re.flags);
      const t0 = process.hrtime.bigint();
      re.lastIndex = 0;
      while (re.exec(line) !== null) if (re.lastIndex === 0) break;
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // generous: the machine is shared (a catastrophic pattern takes seconds to minutes here)
      assert.ok(ms < 1500, `${rule.re.source.slice(0, 40)} took ${ms.toFixed(0)} ms on ${JSON.stringify(line.slice(0, 20))}`);
    }
  }
});
