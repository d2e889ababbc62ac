// A fifth red-team generator: B3IQ node-log material in framings the earlier generators
// (redact-adversarial-gen.js, redact-redteam2.js) do not write: journalctl short-iso and
// `-o json` records, logfmt, Python logging, Go's log package, Rust tracing, docker compose
// and `kubectl logs --prefix` prefixes, CSV exports; and inside them auditd EXECVE records,
// sudo COMMAND= lines, argv arrays, curl -v and HTTP request dumps, struct dumps, config files.
// Each case: { text, secrets, keep, words }. Classes: redact-redteam5-secrets.js (wallets,
// commands, cloudflared, b3iq tokens) and redact-redteam5-identity.js (routes, paths, people,
// encodings, wrapping); the kept-diagnostics corpus: redact-redteam5-kept.js.
// Used by test/unit/redact-redteam5.test.js and `node test/eval/tools/redteam5.mjs`.
import { Gen } from './redact-adversarial-gen.js';
import { casesByClass, fnv1a } from './prng.js';
import { SECRET_CLASSES } from './redact-redteam5-secrets.js';
import { IDENTITY_CLASSES } from './redact-redteam5-identity.js';
import { KEPT_CLASSES } from './redact-redteam5-kept.js';

export { KEPT_CLASSES };

const clock = (g) => `0${g.int(0, 9)}:${g.int(10, 59)}:${g.int(10, 59)}`;
const day = (g) => `2026-11-${g.int(10, 29)}`;
const csvField = (l) => `"${l.replace(/"/g, '""')}"`;

/** Collector layouts, each applied to every line of a case. */
export const LAYOUTS = {
  plain: (g, ls) => ls,
  'journal-iso': (g, ls) => {
    const p = `${day(g)}T${clock(g)}+0000 node-${g.int(1, 9)} ${g.pick(['b3iq-node', 'cloudflared', 'dockerd', 'sudo', 'bash'])}[${g.int(100, 99999)}]: `;
    return ls.map((l) => p + l);
  },
  'journal-json': (g, ls) =>
    ls.map((l) =>
      JSON.stringify({
        __REALTIME_TIMESTAMP: String(g.int(1700000000, 1800000000)) + '000000',
        _HOSTNAME: `node-${g.int(1, 9)}`,
        SYSLOG_IDENTIFIER: g.pick(['b3iq-node', 'cloudflared', 'bash']),
        _PID: String(g.int(100, 99999)),
        MESSAGE: l,
      }),
    ),
  logfmt: (g, ls) =>
    ls.map(
      (l) =>
        `ts=${day(g)}T${clock(g)}.${g.int(100, 999)}Z level=info caller=${g.pick(['main.go', 'run.go', 'node.go'])}:${g.int(10, 400)} msg=${JSON.stringify(l)}`,
    ),
  python: (g, ls) => ls.map((l) => `${day(g)} ${clock(g)},${g.int(100, 999)} INFO [b3iq.${g.pick(['gateway', 'wallet', 'support'])}] ${l}`),
  'go-log': (g, ls) => ls.map((l) => `${day(g).replace(/-/g, '/')} ${clock(g)} ${l}`),
  'rust-tracing': (g, ls) => ls.map((l) => `${day(g)}T${clock(g)}.${g.int(100000, 999999)}Z  INFO b3iq_node::${g.pick(['gateway', 'wallet', 'tunnel'])}: ${l}`),
  compose: (g, ls) => {
    const p = `${g.pick(['gateway', 'vllm', 'cloudflared', 'worker'])}-${g.int(1, 3)}  | `;
    return ls.map((l) => p + l);
  },
  'kubectl-prefix': (g, ls) => {
    const p = `[pod/b3iq-node-${g.hex(5)}-${g.hex(5)}/${g.pick(['gateway', 'node', 'tunnel'])}] `;
    return ls.map((l) => p + l);
  },
  csv: (g, ls) => ls.map((l) => `${day(g)}T${clock(g)}Z,node-${g.int(1, 9)},INFO,${csvField(l)}`),
};

/** Every class by name: (g) => { lines, secrets, keep?, words?, raw? } (raw: no layout). */
export const CLASSES = { ...SECRET_CLASSES, ...IDENTITY_CLASSES };

/** One case of a class in one layout. */
export function makeCase(g, name, layout = g.pick(Object.keys(LAYOUTS))) {
  const c = CLASSES[name](g);
  const lines = c.raw ? c.lines : LAYOUTS[layout](g, c.lines);
  return { cls: name, layout: c.raw ? 'raw' : layout, text: lines.join('\n'), secrets: c.secrets, keep: c.keep ?? [], words: c.words === true };
}

/** `per` cases of each class in each layout, from one seed. */
export function generate(seed, per, names = Object.keys(CLASSES)) {
  return casesByClass(names, Object.keys(LAYOUTS), per, (name) => new Gen(seed ^ fnv1a(name) ^ 0x5a5a), makeCase);
}

/** The kept-diagnostics corpus, `per` cases of each class in each layout: { cls, layout, text, keep }. */
export function generateKept(seed, per, names = Object.keys(KEPT_CLASSES)) {
  const out = [];
  for (const name of names) {
    const g = new Gen(seed ^ fnv1a(name) ^ 0xa5a5);
    for (const layout of Object.keys(LAYOUTS))
      for (let i = 0; i < per; i++) {
        const c = KEPT_CLASSES[name](g);
        out.push({ cls: name, layout, text: LAYOUTS[layout](g, c.lines).join('\n'), keep: c.keep });
      }
  }
  return out;
}

/** What a kept case lost: a kept value gone, or a marker anywhere in its output. */
export function keptLosses(c, out) {
  const lost = c.keep.filter((k) => !out.includes(k));
  if (out.includes('[REDACTED:')) lost.push(out.match(/\[REDACTED:[a-z0-9-]+\]/)[0]);
  return lost;
}
