// Shared helpers of the peer-corpus extractors (our own code).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng } from './seeded-regex.mjs';

export function hashSeed(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}

const POSIX_JS = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  xdigit: '0-9a-fA-F',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  punct: '!-\\/:-@\\[-`{-~',
  word: '\\w',
};

/** Translate an RE2 (Go) pattern to a JS RegExp, or null when it cannot be expressed. */
export function goRegexToJs(src) {
  let flags = '';
  const s = src
    .replace(/\(\?([a-zA-Z-]+)\)/g, (_, f) => {
      flags += f.replace(/-.*/, '');
      return '';
    })
    .replace(/\(\?([a-zA-Z-]+):/g, (_, f) => {
      flags += f.replace(/-.*/, '');
      return '(?:';
    })
    .replace(/\(\?P</g, '(?<')
    .replace(/\[:(\^?)([a-z]+):\]/g, (_, neg, name) => (neg ? '' : (POSIX_JS[name] ?? '')))
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^');
  const f = [...new Set(flags.replace(/[^ims]/g, ''))].join('');
  try {
    return new RegExp(s, f);
  } catch {
    return null;
  }
}

/** A rule id's family: its provider, the first dash-separated part, with a few merges. */
export function familyOf(rule) {
  const r = rule.toLowerCase().replace(/_/g, '-');
  if (/private-?key|privatekey|pem|ssh-key|pgp/.test(r)) return 'private-key';
  if (/^generic|^keyword|^high-?entropy|^base64|^hex/.test(r)) return 'generic';
  if (/jwt|json-?web/.test(r)) return 'jwt';
  if (/^basic-?auth|^url|^uri/.test(r)) return 'url-credential';
  if (r.startsWith('new-relic')) return 'newrelic';
  return r.split('-')[0];
}

// Log-line frames with no key name around the value: the secret stands alone.
const FRAMES = [
  (s) => `2026-11-29T19:22:19.123Z INFO  [worker-3] upstream replied ${s} in 12ms`,
  (s) => `Nov 29 19:22:19 node-7 gatewayd[811]: retrying request with ${s} (attempt 2/5)`,
  (s) => `[2026-11-29 19:22:19,123] WARN  c.e.client.HttpSync - call failed for ${s}, status=503`,
  (s) => `time="2026-11-29T19:22:19Z" level=error msg="unexpected value ${s} from config loader"`,
  (s) => `2026/11/29 19:22:19 [error] 811#811: *42 upstream sent ${s} while reading response header`,
  (s) => `DEBUG 2026-11-29 19:22:19.123 main - cache miss ${s}`,
  (s) => `2026-11-29T19:22:19.123456789Z stdout F loaded ${s}`,
  (s) => `I1129 19:22:19.123456       1 controller.go:114] synced ${s}`,
];

/**
 * Up to `perRule` distinct single-line secrets of each rule, each alone in a log line. With
 * `stillFound(rule, line, secret)`, a line is kept only when the peer's own rule still finds the
 * secret there: the token has a shape of its own (a prefix, a structure), not only a key name.
 */
export function bareLogLines(tps, source, perRule, stillFound = () => true) {
  const byRule = new Map();
  for (const c of tps) {
    const s = c.secret;
    if (!s || s.length < 8 || /[\r\n]/.test(s)) continue;
    if (!byRule.has(c.rule)) byRule.set(c.rule, new Map());
    const m = byRule.get(c.rule);
    if (!m.has(s)) m.set(s, c);
  }
  const out = [];
  for (const [rule, secrets] of byRule) {
    const rng = makeRng(hashSeed(rule));
    let kept = 0;
    for (const [secret, c] of secrets) {
      if (kept >= perRule) break;
      const text = FRAMES[Math.floor(rng() * FRAMES.length)](secret);
      if (!stillFound(rule, text, secret)) continue;
      out.push({ source, rule, family: c.family, kind: 'tp', text, secret });
      kept++;
    }
  }
  return out;
}

export function writeNotice(dir, name, repo, commit, license, notes) {
  writeFileSync(
    join(dir, 'NOTICE'),
    [
      `Test data extracted from ${name}: https://github.com/${repo}`,
      `Upstream commit: ${commit}`,
      `Licence: ${license} (full text in LICENSE beside this file). Copyright remains with the ${name} authors.`,
      '',
      'What was taken:',
      ...notes.map((n) => `- ${n}`),
      '',
      'Only test strings are kept (as JSON, one case per record), no upstream program code.',
      'Regenerate with the extractor named in ../README.md.',
      '',
    ].join('\n'),
  );
}
