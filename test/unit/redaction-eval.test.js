// The redaction evaluation (npm run eval:redaction) on the committed corpus: peer scanners'
// cases (test/fixtures/peers) and our generated logs (test/eval/gen-logs.mjs).
//
// FLOORS ARE TODAY'S MEASURED BASELINE MINUS A SMALL MARGIN, so that no change makes things
// worse. They are not the goals. Whoever improves the redactor (the rules work and the lead)
// RAISES THEM to the new measured figures in the same commit. The goals are: true positives
// fully redacted >= 97 % per source and >= 90 % bare in a log line, false positives marked
// <= 15 %, ports and components kept >= 99 %, no marker on the generated (secret-free) logs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { runEval, summarize } from '../eval/redaction-eval.mjs';
import { leaks } from '../eval/peers.mjs';
import { generateLogs } from '../eval/gen-logs.mjs';

// Measured 2026-11-29 after the recall round and the structural shapes (Kubernetes Secret
// data, JWK members, URL-encoded runs, wrapped blocks, tool credentials): gitleaks 99.8 /
// 34.7, bare 99.6, secretlint 100 / 38.5, detect-secrets 97.0 / 24.4; logs 100 % kept, 15
// marked lines. False-positive ceilings after the placeholder guards: gitleaks 19.7 (2.9
// without class c), secretlint 12.8 (8.1), detect-secrets 22.9 (0.0); then three guards the
// fuzz suite broke were tightened (filler, cut-short values, run-together words): gitleaks 20.5
// (3.9). A ceiling moves up only for a leak closed; see docs/redaction.md.
// 2026-11-30, the principled guards for the peers' test strings (made-up JWTs, hand-made GitLab
// bodies of a wrong length, masks longer than any token, runs, references, AWS's EXAMPLE word):
// gitleaks 17.8 (1.0), secretlint 12.8 (8.1), detect-secrets 16.0 (0.0); then private key blocks
// with a template body (held until the body shows): gitleaks 17.5 (0.6), secretlint 5.1 (0.0);
// then sops ciphertext (ENC[…] values, PGP messages encrypted to a key): gitleaks 17.3 (0.3).
// True positives unchanged.
// 2026-11-30, values secret by their section's name (INI `[credentials]`, YAML `credentials:`
// blocks): detect-secrets 97.4 (the YAML test_data case closed); false positives and logs unchanged.
// 2026-11-30, fourth round, five false-positive classes (a provider prefix on a hand-made body no
// form fits, x masks of 12+ after a prefix, Secret data decoding to foo/bar, hand-made values
// longer than the issued credential their key names; the API references' example prompts stay
// redacted by policy): gitleaks 15.4 (57 of 371), detect-secrets 13.7 (18 of 131), secretlint 5.1; secretlint's hf_ x-mask true
// positive is now kept as the mask it is (99.1), other true positives unchanged.
// 2026-11-30, a secret's value redacted again where it recurs in the stream: detect-secrets 97.8
// (test_data: the value under `foreign_key_id` was redacted a line before); false positives and logs unchanged.
// 2026-11-30, fifth round, two classes of non-secrets (a hand-typed value shorter than any issued
// access key under an access key's name; an AWS access key id as AWS's documentation writes one,
// `AKIA…EXAMPLE`): gitleaks 15.4 -> 14.8 (57 -> 55 of 371), 0.0 without class (c); detect-secrets
// 97.8 -> 97.4 (its test_data lists AWS's documented id as a key: a deliberate change, the id names
// no real key); logs unchanged.
const FLOORS = {
  tpRedactedPct: { gitleaks: 99.6, 'gitleaks-bare': 99.5, secretlint: 99, 'detect-secrets': 97.4 },
  fpMarkedPctMax: { gitleaks: 14.8, secretlint: 5.1, 'detect-secrets': 13.7 },
  // without class (c): secret-shaped strings a peer lists only for its own rule's scope (test/eval/fp-class-c.json)
  fpMarkedExclCPctMax: { gitleaks: 0.0, secretlint: 0.5, 'detect-secrets': 0.5 },
  logs: { portKeptPct: 99, componentKeptPct: 99, unixUserKeptPct: 99, errorTextKeptPct: 87, markedLinesMax: 0 },
};

const summary = summarize(await runEval({ loghubDir: null }));
const pct = (v) => (v.seen === 0 ? 100 : (100 * v.kept) / v.seen);

for (const [source, floor] of Object.entries(FLOORS.tpRedactedPct)) {
  test(`${source}: true positives fully redacted stay >= ${floor} %`, () => {
    const s = summary.sources[source];
    assert.ok(s && s.tp > 0, `no ${source} cases found`);
    assert.ok(s.tpRedactedPct >= floor, `${source}: ${s.tpRedactedPct} % (${s.tpRedacted}/${s.tp}) < ${floor} %`);
  });
}

for (const [source, ceiling] of Object.entries(FLOORS.fpMarkedPctMax)) {
  test(`${source}: false positives given a marker stay <= ${ceiling} %`, () => {
    const s = summary.sources[source];
    assert.ok(s && s.fp > 0, `no ${source} false positives found`);
    assert.ok(s.fpMarkedPct <= ceiling, `${source}: ${s.fpMarkedPct} % (${s.fpMarked}/${s.fp}) > ${ceiling} %`);
  });
}

for (const [source, ceiling] of Object.entries(FLOORS.fpMarkedExclCPctMax)) {
  test(`${source}: false positives given a marker, class (c) aside, stay <= ${ceiling} %`, () => {
    const s = summary.sources[source];
    assert.ok(s.fpMarkedExclCPct <= ceiling, `${source}: ${s.fpMarkedExclCPct} % (${s.fpMarked - s.fpCMarked}/${s.fp - s.fpC}) > ${ceiling} %`);
  });
}

test("generated logs: diagnostics kept and markers stay within today's bounds", () => {
  const r = summary.logs.generated;
  const f = FLOORS.logs;
  assert.ok(pct(r.kept.port) >= f.portKeptPct, `ports kept ${pct(r.kept.port)} %`);
  assert.ok(pct(r.kept.component) >= f.componentKeptPct, `components kept ${pct(r.kept.component)} %`);
  assert.ok(pct(r.kept['unix-user']) >= f.unixUserKeptPct, `unix users kept ${pct(r.kept['unix-user'])} %`);
  assert.ok(pct(r.kept['error-text']) >= f.errorTextKeptPct, `error text kept ${pct(r.kept['error-text'])} %`);
  assert.ok(r.linesMarked <= f.markedLinesMax, `${r.linesMarked} secret-free lines got a marker`);
});

test('the corpus is all there: three sources, both kinds, every tp names its secret', () => {
  const s = summary.sources;
  assert.ok(s.gitleaks.tp > 5000 && s.gitleaks.fp > 300);
  assert.ok(s['gitleaks-bare'].tp > 200);
  assert.ok(s.secretlint.tp > 90 && s.secretlint.fp > 30);
  assert.ok(s['detect-secrets'].tp > 200 && s['detect-secrets'].fp > 100);
});

test('scorer: a secret counts as leaked whole, or by any 8-char run not also in its context', () => {
  const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
  const input = `token = ${secret}`;
  assert.equal(leaks(secret, input, 'token = [REDACTED:github-token]'), false);
  assert.equal(leaks(secret, input, `token = ${secret}`), true);
  assert.equal(leaks(secret, input, 'token = ghp_abc[REDACTED:secret]'), false, 'a 7-char prefix is not a leak');
  assert.equal(leaks(secret, input, 'token = ghp_abcd[REDACTED:secret]'), true, 'an 8-char run is');
  assert.equal(leaks(secret, input, 'token = [REDACTED:secret]qrstuvwxyz0123456789'), true, 'a tail left in clear is a leak');
  // The key name around a secret is not part of the leak, even when it repeats inside the secret.
  assert.equal(leaks('password123', 'password = password123', 'password = [REDACTED:password]'), false);
  // PEM frames may stay; the body may not.
  const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
  assert.equal(leaks(pem, pem, '-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]\n-----END PRIVATE KEY-----'), false);
  assert.equal(leaks(pem, pem, '[REDACTED:private-key]\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC'), true);
});

test('generated logs are deterministic and hold no secret-looking key', () => {
  const a = generateLogs();
  assert.deepEqual(a, generateLogs());
  const all = Object.values(a).join('');
  assert.doesNotMatch(all, /(?:password|passwd|secret|token|api_?key)\s*[=:]/i);
});
