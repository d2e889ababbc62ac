#!/usr/bin/env node
// Extract secretlint's rule snapshots into test/fixtures/peers/secretlint/.
// Reads (never runs) a local git snapshot of secretlint:
//   node test/eval/tools/extract-secretlint.mjs <secretlint-git-dir> [commit]
// For each rule package packages/@secretlint/secretlint-rule-*/test/snapshots/<case>/:
// - cases whose output.json lists findings: each finding's `range` into `sourceContent` (narrowed
//   to the finding's data value, or the value of a `key = value` range) is the secret, and the
//   whole input is the case text (one tp per finding).
// - cases with no finding, not named `ng.*`, with no options.ts / .secretlintrc.json and not
//   named like an allow-list case (options could let a real secret pass): one fp, the input.
// Presets (they repeat the rules' snapshots), the example rule, and rules about file names or
// configurable patterns (no-dotenv, no-homedir, pattern, filter-comments) are left out; so are
// binary inputs (.p12).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { familyOf, writeNotice } from './peer-common.mjs';

const [gitDir, commitArg] = process.argv.slice(2);
if (!gitDir) {
  console.error('usage: extract-secretlint.mjs <secretlint-git-dir> [commit]');
  process.exit(2);
}
const commit = commitArg ?? execFileSync('git', ['-C', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const git = (...a) => execFileSync('git', ['-C', gitDir, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
const show = (p) => git('show', `${commit}:${p}`);

const SKIP = /secretlint-rule-(?:preset-|example|no-dotenv|no-homedir|pattern|filter-comments)/;
const files = git('ls-tree', '-r', '--name-only', commit, 'packages/@secretlint')
  .split('\n')
  .filter((p) => /secretlint-rule-[^/]+\/test\/snapshots\/[^/]+\/output\.json$/.test(p) && !SKIP.test(p));
const all = new Set(git('ls-tree', '-r', '--name-only', commit, 'packages/@secretlint').split('\n'));

/**
 * The secret inside a finding: the finding's own data value when it lies inside the range,
 * else the value part of a `key = value` / `"key" => value` range, else the whole range.
 */
function secretOf(range, data, text) {
  const s = rawSecretOf(range, data, text);
  // In a URL, the credential is the user-info part, not the host and path around it.
  const url = /^(?:[a-z][\w+.:-]*:)?\/\/([^@/\s]+:[^@/\s]+)@/i.exec(s);
  return url ? url[1] : s;
}

function rawSecretOf(range, data, text) {
  const values = Object.values(data ?? {}).filter((v) => typeof v === 'string' && v.length >= 6 && v !== range);
  const inside = values.filter((v) => range.includes(v));
  if (inside.length) return inside.sort((a, b) => b.length - a.length)[0];
  // Some rules report a range that is off (index 0, the secret's length): trust the data value.
  const inText = values.filter((v) => text.includes(v) && !/[=:]\s/.test(v));
  if (inText.length) return inText.sort((a, b) => b.length - a.length)[0];
  const pem = /-----BEGIN[A-Z ]*PRIVATE KEY-----[\s\S]*?-{3,}END[A-Z ]*PRIVATE KEY-{3,}/.exec(range);
  if (pem) return pem[0];
  const kv = /^["']?[\w.-]+["']?\s*(?:=>|:=|=|:)\s*["']?([^"'\s]+)["']?$/.exec(range);
  return kv && kv[1].length >= 4 ? kv[1] : range;
}

const cases = [];
const skipped = { binary: 0, withOptions: 0, noFinding: 0 };
for (const outPath of files) {
  const dir = outPath.slice(0, -'/output.json'.length);
  const name = dir.split('/').pop();
  const rule = /secretlint-rule-([^/]+)/.exec(dir)[1];
  const out = JSON.parse(show(outPath));
  const inputs = [...all].filter((p) => p.startsWith(dir + '/') && /\/input(\.[\w.]+)?$/.test(p));
  if (inputs.some((p) => /\.(p12|pfx|der|bin)$/.test(p)) || typeof out.sourceContent !== 'string') {
    skipped.binary++;
    continue;
  }
  const text = out.sourceContent;
  const family = familyOf(rule);
  const messages = (out.messages ?? []).filter((m) => Array.isArray(m.range));
  if (messages.length) {
    const seen = new Set();
    for (const m of messages) {
      const secret = secretOf(text.slice(m.range[0], m.range[1]), m.data, text);
      if (!secret.trim() || seen.has(secret)) continue;
      seen.add(secret);
      cases.push({ source: 'secretlint', rule, family, kind: 'tp', case: name, text, secret });
    }
  } else if (/^ng[.-]/.test(name)) {
    skipped.noFinding++;
  } else {
    // A clean case, unless options or a config (an allow-list) made a real secret pass.
    const extra = [...all].some((p) => p.startsWith(dir + '/') && /\/(options\.ts|\.secretlintrc\.json)$/.test(p));
    if (extra || /allow|--/.test(name)) {
      skipped.withOptions++;
      continue;
    }
    cases.push({ source: 'secretlint', rule, family, kind: 'fp', case: name, text });
  }
}

const outDir = join('test', 'fixtures', 'peers', 'secretlint');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'cases.json'), JSON.stringify(cases).replace(/\},\{/g, '},\n{') + '\n');
writeFileSync(join(outDir, 'LICENSE'), show('LICENSE'));
writeNotice(outDir, 'secretlint', 'secretlint/secretlint', commit, 'MIT', [
  'packages/@secretlint/secretlint-rule-*/test/snapshots/*: inputs (sourceContent) and the ranges of the findings in output.json.',
]);
const tp = cases.filter((c) => c.kind === 'tp').length;
console.error(`secretlint ${commit.slice(0, 12)}: ${tp} tp, ${cases.length - tp} fp; skipped ${JSON.stringify(skipped)}`);
