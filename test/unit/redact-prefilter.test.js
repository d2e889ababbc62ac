// The redaction prefilter (src/redact/prefilter.ts) is built from each rule's declared needs.
// A rule whose gate can pass where its needs do not would be skipped silently: these tests
// fail when a rule has no needs, when a gate looks for a literal its needs do not name, and
// when, on any line of the corpus or of random text, a gate passes that the prefilter did
// not wake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from '../helpers/fc.js';
import { RULES, PATH_RULE_INDEX, pathRule } from '../../dist/redact/rules.js';
import { Prefilter, factorAlternation, trieSource } from '../../dist/redact/prefilter.js';
import { KEYWORD_RE } from '../../dist/redact/key-names.js';
import { CREDENTIAL_PAIR_RULE, GO_FIELD_RULE, SETTER_CALL_RULE, WRAPPED_VALUE_RULE } from '../../dist/redact/code-forms.js';
import { PROSE_SECRET_RULE } from '../../dist/redact/prose-secrets.js';
import { loadPeerCases } from '../eval/peers.mjs';
import { generateLogs } from '../eval/gen-logs.mjs';

const HOME = '/home/pf-user';
const rules = RULES.slice();
rules.splice(PATH_RULE_INDEX, 0, pathRule(HOME, '/srv/b3iq-config'));
const pf = new Prefilter(rules);
const HINTS = [
  { privateHint: false, tunnelHint: false },
  { privateHint: true, tunnelHint: false },
  { privateHint: false, tunnelHint: true },
];

/** Whether the rule's regex finds anything in `line` (without a match its pass changes nothing). */
function reMatches(rule, line) {
  const re = new RegExp(rule.re.source, rule.re.flags.replace(/[gy]/g, ''));
  return re.test(line);
}

/** The rules that could change `line` (gate passes, regex matches) but that the prefilter left asleep. */
function missed(line) {
  const out = [];
  for (const hints of HINTS) {
    const flags = new Uint8Array(rules.length);
    pf.mark(line, hints, flags);
    rules.forEach((r, i) => {
      if (flags[i] === 0 && r.gate(line, hints) && reMatches(r, line)) out.push(i);
    });
  }
  return out;
}

function corpusLines() {
  const lines = new Set();
  const add = (text) => {
    for (const l of text.split('\n')) lines.add(l);
  };
  for (const c of loadPeerCases()) add(c.text);
  for (const t of Object.values(generateLogs())) add(t);
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (statSync(p).size < 2e6) add(readFileSync(p, 'utf8'));
    }
  };
  walk(join(import.meta.dirname, '..', 'fixtures', 'redact'));
  return [...lines];
}

test('every rule declares needs; a rule without them is refused', () => {
  for (const [i, r] of rules.entries()) {
    const n = r.needs;
    assert.ok(n && ((n.lits?.length ?? 0) > 0 || n.hints || n.test || n.minLength !== undefined), `rule ${i} (${r.re.source.slice(0, 40)}) has no needs`);
  }
  const bare = { gate: () => true, re: /x/g, handle: () => null };
  assert.throws(() => new Prefilter([...rules, { ...bare, needs: {} }]), /declares no needs/);
  // a rule written without needs at all (TypeScript refuses it too)
  // @ts-expect-error: the missing needs is the point
  assert.throws(() => new Prefilter([...rules, bare]));
});

test("every literal a gate looks for is covered by one of the rule's needs literals", () => {
  for (const [i, r] of rules.entries()) {
    const src = r.gate.toString();
    const lits = [...src.matchAll(/includes\((['"])((?:\\.|(?!\1).)*)\1\)/g)].map((m) => new Function(`return ${m[1]}${m[2]}${m[1]}`)()); // the JS string literal's value
    // a needs literal inside the gate's (`-p` for ` -p `), or holding it (`Bearer` for `earer`: the regex wants the word)
    const covered = (lit) => (r.needs.lits ?? []).some((n) => lit.includes(n) || n.includes(lit)) || r.needs.hints || r.needs.test;
    // `a && (b || c)`: one covered literal suffices; `a || b`: each must be covered
    if (src.includes('&&')) assert.ok(lits.length === 0 || lits.some(covered), `rule ${i}: its gate's literals ${JSON.stringify(lits)} are not in its needs`);
    else for (const lit of lits) assert.ok(covered(lit), `rule ${i}: its gate looks for ${JSON.stringify(lit)}, which its needs do not name`);
  }
});

test('on every corpus line, a rule that could change it is one the prefilter woke', () => {
  const bad = [];
  for (const line of corpusLines()) {
    const m = missed(line);
    if (m.length > 0) bad.push(`rules ${m.join(',')}: ${JSON.stringify(line.slice(0, 120))}`);
  }
  assert.deepEqual(bad.slice(0, 10), []);
});

test('on random text built from the rules own literals, the same holds', () => {
  const pieces = [...new Set(rules.flatMap((r) => r.needs.lits ?? []))];
  const part = fc.oneof(
    fc.constantFrom(...pieces),
    fc.constantFrom('tunnel', 'connector', 'priv', 'secret=', 'echo ', ' ', ':', '/', 'a', 'Z', '9', '.'),
    fc.string({ maxLength: 6 }),
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 40 }), (parts) => {
      const line = parts.join('');
      assert.deepEqual(missed(line), [], JSON.stringify(line));
    }),
    { numRuns: 3000 },
  );
});

test('factorAlternation matches exactly where the original does', () => {
  const raw =
    /pass|pwd|pw\b|secret|token|key|auth|cookie|mnemonic|seed|phrase|prompt|message|input|output|completion|response|content|choices|quote|attest|report|evidence|tunnel|conn|credential|session|priv|customer|user|generat|body|jwt|otp|bip39|email|compan|organi|tenant/gi;
  const f = factorAlternation(raw);
  assert.notEqual(f.source, raw.source);
  const all = (re, s) => [...s.matchAll(new RegExp(re.source, re.flags))].map((m) => `${m.index}:${m[0]}`);
  const words = raw.source.split('|').map((w) => w.replace('\\b', ''));
  const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom('P', 'W', 'S', ' ', '_', '-', 'x'), fc.string({ maxLength: 3 }));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (ps) => {
      const text = ps.map((w, i) => (i % 3 === 0 ? w.toUpperCase() : w)).join('');
      assert.deepEqual(all(f, text), all(raw, text));
    }),
    { numRuns: 2000 },
  );
  // grouped alternatives keep their order: `pwd` before `pw\b`
  assert.deepEqual(all(factorAlternation(/pwd|pw\b|pass/gi), 'pwd pw pass'), ['0:pwd', '4:pw', '7:pass']);
  // a source with groups or classes is left alone
  const g = /(?:a|b)c|d/g;
  assert.equal(factorAlternation(g), g);
  // the keyed pass's own keyword regex is the factored one
  assert.equal(KEYWORD_RE.flags, 'gi');
});

test('trieSource matches the longest literal at each position', () => {
  const re = new RegExp(trieSource(['sk-', 'sk-ant-', 'ghp_', 'gho_']), 'g');
  assert.deepEqual(
    [...'x sk-ant-1 sk-2 ghp_ gho_'.matchAll(re)].map((m) => m[0]),
    ['sk-ant-', 'sk-', 'ghp_', 'gho_'],
  );
});

const LITERAL_GATED = [SETTER_CALL_RULE, CREDENTIAL_PAIR_RULE, WRAPPED_VALUE_RULE, GO_FIELD_RULE, PROSE_SECRET_RULE];

test('gates whose needs are literals (calls, wrapped and Go values, prose links): a gate that passes was woken', () => {
  // the pieces these gates' regexes are made of: names, brackets, blanks, quotes, prefixes, links
  const part = fc.constantFrom(
    ...['setPassword', 'apiKey', 'token', 'Secret', 'PASSPHRASE', 'new', 'Temporary', 'your', 'Credentials', 'Authentication', 'auth', 'login'],
    ...['getConnection', 'SecretStr', 'Some', 'b', 'r', 'U', 'Token', 'x', '(', '[', '{', ',', ':', '=', ' ', '\t', '"', "'", '`', '\\'],
    ...['->', '=>', '\u2192', '--', '|', ' is ', ' was ', '\\t', 'api', ' access', 'v4lue-Xk39fa2B'],
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 16 }), (parts) => {
      const line = parts.join('');
      for (const hints of HINTS) {
        const flags = new Uint8Array(rules.length);
        pf.mark(line, hints, flags);
        LITERAL_GATED.forEach((r) => {
          const i = rules.indexOf(r);
          assert.ok(i >= 0);
          if (flags[i] === 0) assert.equal(r.gate(line, hints), false, `rule ${i}: ${JSON.stringify(line)}`);
        });
      }
    }),
    { numRuns: 4000 },
  );
});
