/**
 * Secrets given to common tools on their command line, where no key name says so: a
 * password as a positional argument (`htpasswd -b file user PASS`, `vault login TOKEN`), a
 * short or glued flag (`7z -pPASS`, `zip -P PASS`, `rar -hpPASS`, `doctl -t TOKEN`), a
 * flag value with a scheme (`openssl -passin pass:PASS`), `k=v` arguments
 * (`kubectl --from-literal=k=VALUE`, `helm --set db.password=VALUE`), a value echoed into a
 * credential sink or a file (`echo PASS | docker login --password-stdin`, `echo HEX > key`).
 *
 * The tools are data (TOOLS below). A tool word wakes the rule; the command it starts (up to
 * `|`, `;`, `&`, at most SEGMENT_MAX characters) is split into shell words once, so a line
 * costs one pass over each command in it, whatever its length.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { trieSource } from './prefilter.js';

/** Longest command looked at after a tool word. */
const SEGMENT_MAX = 512;
import { TOOLS, type ToolSpec, type Word } from './cli-tools.js';
import { isRandomBase64 } from './literals.js';
import { needsAnyLit } from './needs-test.js';
import { NEEDS_R6 } from './cli-tools-r6.js';

/** Where a piped value is a credential: the command reading it. */
const CRED_SINK_RE =
  /^(?:[\w./-]*\/)?(?:docker|podman|nerdctl|helm|skopeo|buildah|oras|chpasswd|passwd|kubectl|gh|vault|openssl|base64|tee|cryptsetup|wg|gpg|gpg2|htpasswd|az|gcloud|doctl|npm|xclip|pbcopy|ssh-add|sudo)$/;
/** A value written to a file is secret when it looks like key material: long, dense, a letter and a digit. */
const KEYISH_RE = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9+/=_.:-]{16,}$/;
/** Key material: letters and digits, or a digit-free run whose letters look drawn at random (1 key of 40 in 700 has no digit). */
const keyish = (t: string): boolean => KEYISH_RE.test(t) || (/^[A-Za-z+/_-]{16,}={0,2}$/.test(t) && isRandomBase64(t.replace(/=+$/, '')));
/** An echoed hex key keeps the hex-secret category the wallet rule gives it. */
const HEX_RE = /^(?:0x)?[0-9a-fA-F]{32,}$/;
const STAND_IN_RE = /^\$|^\[REDACTED|^<.*>$|^\{\{|^%s$|^-/;

const ECHOES = new Set(['echo', 'printf', 'cat']);
const TOOL_NAMES = [...Object.keys(TOOLS), ...ECHOES];
// a path before the name (`/usr/bin/docker`) ends in `/`, which the lookbehind lets through;
// so does a JSON string's escaped tab or break (`Process Command Line:\tschtasks …`)
const TOOL_RE = new RegExp(`(?:(?<![\\w.-])|(?<=(?<!\\\\)\\\\[tn]))${trieSource(TOOL_NAMES)}(?![\\w-])`, 'g');

/** The shell words of the command from `from`, up to its end. */
function wordsFrom(line: string, from: number): { words: Word[]; end: number } {
  const words: Word[] = [];
  const stop = Math.min(line.length, from + SEGMENT_MAX);
  let i = from;
  while (i < stop) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 124 || c === 59 || c === 38 || c === 10 || c === 41) break; // | ; & ) end the command
    const s = i;
    let text = '';
    while (i < stop) {
      const ch = line[i] as string;
      if (ch === ' ' || ch === '\t' || ch === '|' || ch === ';' || ch === '&' || ch === ')') break;
      if (ch === '\\' && (line[i + 1] === '"' || line[i + 1] === "'")) {
        i++;
        continue;
      }
      if (ch === '"' || ch === "'") {
        const close = line.indexOf(ch, i + 1);
        if (close < 0 || close >= stop) {
          i++;
          continue;
        }
        let inner = line.slice(i + 1, close);
        if (inner.endsWith('\\')) inner = inner.slice(0, -1);
        text += inner;
        i = close + 1;
        continue;
      }
      text += ch;
      i++;
    }
    words.push({ s, e: i, text });
  }
  return { words, end: i };
}

/** The value part of a word [s, e): its quotes (and a JSON log's `\"`) left in place. */
function valueSpan(line: string, w: Word, skip: number): [number, number] {
  let s = w.s + skip;
  if (w.skipTo !== undefined) s = line.indexOf(w.skipTo, w.s) + 1;
  let e = w.e;
  while (s < e && (line[s] === '"' || line[s] === "'" || line[s] === '\\')) s++;
  while (e > s && '"\'\\})],'.includes(line[e - 1] as string)) e--;
  return [s, e];
}

export function isValue(text: string): boolean {
  return text.length >= 3 && !STAND_IN_RE.test(text) && !text.includes('[REDACTED');
}

/** The secret spans of one command's words, by its tool's spec. */
function specSpans(spec: ToolSpec, line: string, words: Word[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (spec.sub && !words.some((w) => spec.sub!.includes(w.text))) return out;
  const pos: Word[] = [];
  let pairsOn = spec.pairs?.after.includes('*') ?? false;
  for (let k = 1; k < words.length; k++) {
    const w = words[k] as Word;
    const t = w.text;
    if (t === '>' || t === '>>' || t.startsWith('>')) break;
    if (t.startsWith('-') || (spec.glued?.some((g) => t.startsWith(g)) ?? false)) {
      const eq = t.indexOf('=');
      const flag = eq > 0 ? t.slice(0, eq) : t;
      if (spec.next?.includes(flag)) {
        // `--with-token <<< TOKEN`: the here-string's word is the value (`< file` names none)
        const here = eq < 0 && words[k + 1]?.text === '<<<';
        const vw = eq > 0 ? w : words[k + (here ? 2 : 1)];
        const skip = eq > 0 ? eq + 1 : 0;
        if (vw !== undefined && !(eq < 0 && !here && vw.text.startsWith('<'))) {
          const text = eq > 0 ? t.slice(eq + 1) : vw.text;
          if (spec.scheme !== undefined) {
            if (text.startsWith(spec.scheme)) {
              const [s, e] = valueSpan(line, vw, skip);
              const at = line.indexOf(spec.scheme, s);
              if (at >= 0 && at < e && isValue(text.slice(spec.scheme.length))) out.push([at + spec.scheme.length, e]);
            } else if (flag === '-k' && isValue(text)) out.push(valueSpan(line, vw, skip));
          } else if (isValue(text)) out.push(valueSpan(line, vw, skip));
          if (eq < 0) k += here ? 2 : 1;
          continue;
        }
      }
      const glue = spec.glued?.find((g) => t.startsWith(g) && t.length > g.length + 2);
      if (glue !== undefined && !spec.next?.includes(t)) {
        if (isValue(t.slice(glue.length))) out.push(valueSpan(line, w, w.text === t ? line.indexOf(glue, w.s) - w.s + glue.length : glue.length));
        continue;
      }
      if (spec.pairs?.after.includes(flag)) {
        pairsOn = true;
        if (eq > 0) pairSpans(spec, line, w, eq + 1, out);
        continue;
      }
      if (spec.takes?.includes(flag) && eq < 0) k++;
      continue;
    }
    if (pairsOn && t.includes('=')) {
      pairSpans(spec, line, w, 0, out);
      if (!(spec.pairs?.after.includes('*') ?? false)) pairsOn = false;
      continue;
    }
    pos.push(w);
  }
  if (spec.positional) for (const w of spec.positional(pos, words)) if (isValue(w.text)) out.push(valueSpan(line, w, 0));
  return out;
}

/** `k=v,k2=v2` from `from` in a word: the values of secret keys. */
function pairSpans(spec: ToolSpec, line: string, w: Word, from: number, out: Array<[number, number]>): void {
  let i = w.s + from;
  const end = w.e;
  while (i < end) {
    while (i < end && (line[i] === '"' || line[i] === "'" || line[i] === '\\')) i++;
    const eq = line.indexOf('=', i);
    if (eq < 0 || eq >= end) return;
    const key = line.slice(i, eq);
    let j = eq + 1;
    const comma = spec.pairs!.after.includes('--set') || spec.pairs!.after.includes('--set-string');
    while (j < end && !(comma && line[j] === ',')) j++;
    const [s, e] = valueSpan(line, { s: eq + 1, e: j, text: '' }, 0);
    if (spec.pairs!.key(key) && isValue(line.slice(s, e))) out.push([s, e]);
    i = j + 1;
  }
}

/** `echo VALUE | sink`, `echo VALUE > file`, `printf '%s' VALUE | …`: the value when it is fed to a credential reader or a file. */
function echoSpans(line: string, words: Word[], end: number): Array<[number, number]> {
  const vals: Word[] = [];
  let redirect = false;
  for (let k = 1; k < words.length; k++) {
    const w = words[k] as Word;
    if (w.text.startsWith('>')) {
      redirect = true;
      break;
    }
    if (k === 1 && (w.text.startsWith('-') || (words[0]!.text === 'cat' && w.text === '<<<'))) continue;
    if (words[0]!.text.endsWith('printf') && w.text.includes('%')) continue;
    vals.push(w);
  }
  if (vals.length !== 1 || (words[0]!.text === 'cat' && words[1]?.text !== '<<<')) return [];
  const v = vals[0] as Word;
  // `--key-file <(echo PASS)`: a process substitution stands for a key or password file
  const w0 = words[0] as Word;
  const keyFile = !redirect && line[end] === ')' && (line.startsWith('<(', w0.s) || line.startsWith('<(', w0.s - 2));
  let text = v.text;
  let sink = '';
  if (!redirect && line[end] === '|') {
    const next = wordsFrom(line, end + 1).words;
    const name = (w: Word | undefined): string => /^[\w./-]*/.exec(w?.text ?? '')![0];
    sink = name(next[0]);
    if (sink === 'sudo') sink = name(next[1]);
    if (!CRED_SINK_RE.test(sink)) return [];
  } else if (!redirect && !keyFile) return [];
  if (!isValue(text)) return [];
  const [s, e] = valueSpan(line, v, 0);
  if (sink === 'chpasswd' && text.includes(':')) {
    const colon = line.indexOf(':', s);
    return colon >= 0 && colon < e ? [[colon + 1, e]] : [];
  }
  text = line.slice(s, e);
  // a file or a tee: only a value that looks like key material (`echo hello > x` stays)
  if (!keyFile && (sink === '' || sink === 'tee' || sink === 'base64') && !keyish(text)) return [];
  return [[s, e]];
}

/** Tool words looked at inside one command (`docker run … htpasswd -Bbn …`). */
const TOOLS_PER_COMMAND = 8;

function handle(eng: RuleHost, m: Match, line: string): HandlerResult {
  const { words, end } = wordsFrom(line, m.index);
  const spans: Array<[number, number]> = [];
  let cat = 'secret';
  let seen = 0;
  for (let k = 0; k < words.length && seen < TOOLS_PER_COMMAND; k++) {
    const text = (words[k] as Word).text;
    const open = text.startsWith('<(') || text.startsWith('$(') ? 2 : 0; // a substitution's command
    const tool = text.slice(Math.max(open, text.lastIndexOf('/') + 1));
    const spec = Object.hasOwn(TOOLS, tool) ? TOOLS[tool] : undefined;
    if (spec === undefined && !ECHOES.has(tool)) continue;
    seen++;
    const rest = words.slice(k);
    const found = spec === undefined ? echoSpans(line, rest, end) : specSpans(spec, line, rest);
    if (spec?.also !== undefined) found.push(...specSpans(spec.also, line, rest));
    if (found.length > 0) cat = spec?.cat ?? 'echo';
    spans.push(...found);
  }
  // the whole command is consumed: each character is split into words once
  if (spans.length === 0) return [line.slice(m.index, end), end];
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = m.index;
  for (const [s, e] of spans) {
    if (s < pos || e <= s) continue;
    out += line.slice(pos, s) + eng.mark(cat === 'echo' ? (HEX_RE.test(line.slice(s, e)) ? 'hex-secret' : 'secret') : cat);
    pos = e;
  }
  return [out + line.slice(pos, Math.max(pos, end)), Math.max(pos, end)];
}

/** The literals any tool word holds (the prefilter wakes the rule only on these). */
const NEEDS = [
  'htpasswd',
  'openssl',
  'gpg',
  '7z',
  'zip ',
  'rar ',
  'keytool',
  'az ',
  'gcloud',
  'docker',
  'podman',
  'nerdctl',
  'buildah',
  'skopeo',
  'oras ',
  'helm',
  'mongo',
  'sqlcmd',
  'bcp ',
  'redis-cli',
  'sshpass',
  'kubectl',
  'vault',
  'doctl',
  'fly',
  'influx',
  'gh secret',
  'gh auth',
  'config set',
  'setx',
  'setenv',
  'set -',
  '--set',
  'SecureString',
  'net use',
  'net user',
  'cmdkey',
  'echo',
  'printf',
  '<<<',
  'mysql',
  'mariadb',
  'ssh-keygen',
  'rabbitmqctl',
  'rclone',
  'mc alias',
  'aws',
  ...NEEDS_R6,
];

export const CLI_ARGS_RULE: Rule = {
  ...needsAnyLit(NEEDS),
  re: TOOL_RE,
  handle,
};
