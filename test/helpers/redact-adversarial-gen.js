// A generator of realistic log lines that carry a secret, by class, in varied layouts (journald,
// syslog, kubectl/docker timestamps, JSON logs, logfmt, set -x traces, shell history, tabs,
// CRLF), with random secrets from a seeded generator. Each case names what must be gone
// (`secrets`) and what must stay (`keep`). Used by test/unit/redact-adversarial-*.test.js and
// by test/eval/tools/adversarial.mjs (which lists every leak).
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { COMMAND_CLASSES } from './redact-adversarial-commands.js';
import { LOG_CLASSES } from './redact-adversarial-logs.js';
import { FILE_CLASSES } from './redact-adversarial-files.js';
import { mulberry32 } from './prng.js';

export const rngFrom = mulberry32;

const UP = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const LO = 'abcdefghijkmnopqrstuvwxyz';
const DIG = '23456789';
export const ALNUM = UP + LO + DIG;
const B64 = ALNUM + '+/';
const HEX = '0123456789abcdef';

export class Gen {
  constructor(seed) {
    this.r = rngFrom(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick(a) {
    return a[Math.floor(this.r() * a.length)];
  }
  str(alpha, n) {
    let s = '';
    for (let i = 0; i < n; i++) s += alpha[Math.floor(this.r() * alpha.length)];
    return s;
  }
  /** A password people choose: mixed case, digits, maybe one symbol inside. */
  password(sym = true) {
    const n = this.int(10, 18);
    let s = this.pick(UP) + this.str(LO, 2) + this.pick(DIG) + this.str(ALNUM, n - 4);
    if (sym && this.r() < 0.5) {
      const at = this.int(2, s.length - 2);
      s = s.slice(0, at) + this.pick(['!', '_', '.', '-', '+', '#']) + s.slice(at + 1);
    }
    return s;
  }
  /** An opaque API token with no provider prefix. */
  token() {
    return this.pick(UP) + this.pick(DIG) + this.str(ALNUM, this.int(24, 40));
  }
  hex(n) {
    return this.str(HEX, n);
  }
  b64(n) {
    return this.str(B64, n);
  }
  uuid() {
    const h = (n) => this.hex(n);
    return `${h(8)}-${h(4)}-4${h(3)}-${this.pick('89ab')}${h(3)}-${h(12)}`;
  }
  mnemonic(words = this.pick([12, 15, 18, 24])) {
    const bytes = new Uint8Array((words / 3) * 4);
    for (let i = 0; i < bytes.length; i++) bytes[i] = this.int(0, 255);
    return entropyToMnemonic(bytes, wordlist).split(' ');
  }
  user() {
    return this.pick(['admin', 'deploy', 'ci', 'root', 'ops', 'svc-backup', 'jenkins', 'app']);
  }
  host() {
    return this.pick(['registry.example.com', 'git.example.org', 'ghcr.io', 'db.example.net', 'nexus.example.io']);
  }
  ts() {
    return `2026-11-${String(this.int(10, 29))}T0${this.int(0, 9)}:${this.int(10, 59)}:${this.int(10, 59)}.${this.int(100, 999)}Z`;
  }
}

/** Line prefixes of real log collectors. */
export const PREFIXES = [
  () => '',
  () => '',
  (g) =>
    `Nov ${g.int(10, 29)} 0${g.int(0, 9)}:${g.int(10, 59)}:${g.int(10, 59)} node-${g.int(1, 9)} ${g.pick(['bash', 'deploy.sh', 'cron', 'sudo'])}[${g.int(100, 9999)}]: `,
  (g) => `${g.ts()} `, // kubectl logs --timestamps, docker logs -t
  (g) => `${g.ts()} stdout F `, // containerd CRI
  (g) => `<${g.int(10, 190)}>1 ${g.ts()} node-${g.int(1, 9)} app ${g.int(100, 999)} - - `, // RFC 5424
  () => '\t',
  () => '    ',
];

/** Layouts that change a whole line. */
const LAYOUTS = [
  (g, l) => g.pick(PREFIXES)(g) + l,
  (g, l) => g.pick(PREFIXES)(g) + l,
  (g, l) => g.pick(PREFIXES)(g) + l + '\r',
  (g, l) => JSON.stringify({ ts: g.ts(), level: 'info', msg: l }),
  (g, l) => `time="${g.ts()}" level=info msg=${JSON.stringify(l)}`,
  (g, l) => `${g.ts()}\tINFO\trunner\t${l}`,
];

/** A shell command line in the forms it gets logged in. */
const SHELL = [
  (g, c) => c,
  (g, c) => c,
  (g, c) => `+ ${c}`, // set -x
  (g, c) => `++ ${c}`,
  (g, c) => `: ${g.int(1600000000, 1800000000)}:0;${c}`, // zsh extended history
  (g, c) => `  ${g.int(100, 999)}  2026-11-${g.int(10, 29)} 0${g.int(0, 9)}:${g.int(10, 59)}:${g.int(10, 59)} ${c}`, // bash HISTTIMEFORMAT
  (g, c) => `$ ${c}`,
  (g, c) => `root@node-${g.int(1, 9)}:~# ${c}`,
  (g, c) => `RUN ${c}`, // Dockerfile
  (g, c) => `sudo ${c}`,
];

/** Every class by name: `(g) => case` (redact-adversarial-commands.js, -logs.js, -files.js). */
export const CLASSES = { ...COMMAND_CLASSES, ...LOG_CLASSES, ...FILE_CLASSES };

const WORDY = new Set(['mnemonic']);

/** One case of a class in a random layout: { text, secrets, keep }. */
export function makeCase(g, name) {
  const c = CLASSES[name](g);
  let lines;
  if (c.cmd !== undefined) lines = [g.pick(SHELL)(g, c.cmd)];
  else lines = c.lines ?? [c.line];
  if (!c.raw) {
    if (lines.length === 1) lines = [g.pick(LAYOUTS)(g, lines[0])];
    else if (c.perLinePrefix && g.r() < 0.5) {
      const pre = g.pick(PREFIXES);
      const p = pre(g);
      lines = lines.map((l) => p + l);
    }
  }
  return { text: lines.join('\n'), secrets: c.secrets, keep: c.keep ?? [], words: WORDY.has(name) };
}

/** Every case of every class, `per` cases each, from one seed. */
export function generate(seed, per, names = Object.keys(CLASSES)) {
  const out = [];
  for (const name of names) {
    const g = new Gen(seed ^ hash(name));
    for (let i = 0; i < per; i++) out.push({ cls: name, ...makeCase(g, name) });
  }
  return out;
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** What leaked from one case's redacted output: secrets still there, kept values gone. */
export function leaksOf(c, out) {
  const leaked = [];
  // a JSON-escaped tab or newline (`\tLEVEL`) separates words too (else `level=info` in the
  // layout counts as a leaked phrase word: found by a random-seed run)
  const count = (text, w) => text.replace(/\\[tnr]/g, ' ').match(new RegExp(`\\b${w}\\b`, 'gi'))?.length ?? 0;
  for (const s of c.secrets) {
    // a word of the phrase may also be part of the layout (`level=info`): only more copies than
    // the layout holds are a leak
    const frame = c.words ? Math.max(0, count(c.text, s) - c.secrets.filter((x) => x === s).length) : 0;
    if (c.words ? count(out, s) > frame : out.includes(s)) leaked.push(s);
  }
  const lost = c.keep.filter((k) => !out.includes(k));
  return { leaked, lost };
}
