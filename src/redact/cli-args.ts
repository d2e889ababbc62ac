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

interface Word {
  /** The word's bounds in the line. */
  s: number;
  e: number;
  /** The word without its quotes (a JSON log's `\"` counts as a quote). */
  text: string;
  /** The value starts after this character's first occurrence in the raw word. */
  skipTo?: string;
}

/** How a tool's secret arguments are found among its words (after the tool word). */
interface ToolSpec {
  /** Flags whose next word (or `=value`) is the secret. */
  next?: readonly string[];
  /** Flags with the secret glued on (`-pPASS`, `-hpPASS`). */
  glued?: readonly string[];
  /** A value scheme to strip (`pass:` in `-passin pass:X`); values without it are kept. */
  scheme?: string;
  /** Only when one of these words comes after the tool (`docker … login`). */
  sub?: readonly string[];
  /** Which positional words (flags and their values skipped) are secret, or null. */
  positional?: (pos: Word[], words: Word[]) => Word[];
  /** `k=v` words after these flags (or anywhere, with `'*'`): which values are secret. */
  pairs?: { after: readonly string[]; key: (k: string) => boolean };
  /** Flags that take a (non-secret) value: their value is not a positional. */
  takes?: readonly string[];
  cat?: string;
  /** Another spec for the same tool (`az login -p`, and `az keyvault secret set --value`). */
  also?: ToolSpec;
}

const SECRET_KEY_RE = /pass|secret|token|key|auth|cred|pwd|private|cert/i;
const secretKey = (k: string): boolean => SECRET_KEY_RE.test(k);
const anyKey = (): boolean => true;

/** htpasswd with `-b`: the password is the last positional (file user pass, or user pass with -n). */
function htpasswdPass(pos: Word[], words: Word[]): Word[] {
  const batch = words.some((w) => /^-[a-zA-Z]*b[a-zA-Z]*$/.test(w.text));
  const last = pos[pos.length - 1];
  return batch && last !== undefined && pos.length >= 2 ? [last] : [];
}

/** The word after a subcommand (`vault login TOKEN`, `net user NAME PASS`). */
const after =
  (sub: string, skip = 0) =>
  (pos: Word[]): Word[] => {
    const i = pos.findIndex((w) => w.text === sub);
    const w = i < 0 ? undefined : pos[i + 1 + skip];
    return w === undefined || w.text.includes('=') || w.text.startsWith('/') ? [] : [w];
  };

const CONFIG_SECRET_RE = /_auth|_password|authtoken|token|password|secret_access_key|session_token/i;

/** The word after a secret-named positional (`rclone config create r s3 secret_access_key VALUE`). */
function keyThenValue(pos: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i + 1 < pos.length; i++)
    if (/secret|pass|token|key/i.test((pos[i] as Word).text) && !(pos[i] as Word).text.includes('=')) out.push(pos[i + 1] as Word);
  return out;
}

/** `net use Z: \\\\srv\\share PASS /user:x`, `net user NAME PASS`: the word after the share or the user name. */
function netPass(pos: Word[]): Word[] {
  const use = pos.findIndex((w) => w.text === 'use');
  if (use >= 0) {
    const share = pos.findIndex((w, i) => i > use && w.text.startsWith('\\\\'));
    const w = share < 0 ? undefined : pos.find((x, i) => i > share && !x.text.startsWith('/'));
    return w === undefined || w.text === '*' ? [] : [w];
  }
  const w = after('user', 1)(pos);
  return w.length === 1 && w[0]!.text !== '*' ? w : [];
}

/** `config set KEY VALUE` where KEY names a credential (npm, yarn, pnpm, aws, git). */
function configSet(pos: Word[]): Word[] {
  const i = pos.findIndex((w) => w.text === 'set');
  const key = pos[i + 1];
  const value = pos[i + 2];
  if (i < 0 || key === undefined) return [];
  const eq = key.text.indexOf('=');
  const name = eq < 0 ? key.text : key.text.slice(0, eq);
  if (!CONFIG_SECRET_RE.test(name)) return [];
  if (eq < 0) return value === undefined ? [] : [value];
  // KEY=VALUE in one word: the part after the first `=` (found in the raw word, quotes and all)
  return [{ s: key.s, e: key.e, text: key.text.slice(eq + 1), skipTo: '=' }];
}

/** `setx NAME VALUE`, `set -gx NAME VALUE`, `setenv NAME VALUE`: the value of a secret-named variable. */
function envValue(pos: Word[]): Word[] {
  const name = pos[0];
  const value = pos[1];
  return name !== undefined && value !== undefined && secretKey(name.text) ? [value] : [];
}

/** `ConvertTo-SecureString 'PASS' -AsPlainText`: the first string argument. */
function firstPositional(pos: Word[]): Word[] {
  return pos.length > 0 ? [pos[0] as Word] : [];
}

const LOGIN_P = { next: ['-p', '--password'], sub: ['login'] } as const;

const TOOLS: Record<string, ToolSpec> = {
  htpasswd: { positional: htpasswdPass, takes: ['-C'], cat: 'password' },
  openssl: {
    next: ['-passin', '-passout', '-pass', '-k', '-password'],
    scheme: 'pass:',
    also: { positional: (pos) => (pos[0]?.text === 'passwd' && pos.length > 1 ? [pos[pos.length - 1] as Word] : []), takes: ['-salt'] },
    cat: 'password',
  },
  'ssh-keygen': { next: ['-N', '-P'], cat: 'password' },
  rabbitmqctl: { positional: (pos) => [...after('add_user', 1)(pos), ...after('change_password', 1)(pos)], cat: 'password' },
  rclone: { positional: keyThenValue, cat: 'secret' },
  mc: { positional: (pos) => (pos[0]?.text === 'alias' && pos[1]?.text === 'set' && pos[5] !== undefined ? [pos[5]] : []), cat: 'secret' },
  gpg: { next: ['--passphrase'], cat: 'password' },
  gpg2: { next: ['--passphrase'], cat: 'password' },
  '7z': { glued: ['-p'], cat: 'password' },
  '7za': { glued: ['-p'], cat: 'password' },
  '7zr': { glued: ['-p'], cat: 'password' },
  zip: { next: ['-P', '--password'], cat: 'password' },
  unzip: { next: ['-P'], cat: 'password' },
  rar: { glued: ['-hp', '-p'], cat: 'password' },
  unrar: { glued: ['-p'], cat: 'password' },
  keytool: { next: ['-storepass', '-keypass', '-srcstorepass', '-deststorepass', '-srckeypass', '-destkeypass', '-new'], cat: 'password' },
  az: { ...LOGIN_P, also: { next: ['--value', '--account-key', '--password'], sub: ['secret', 'storage'] }, cat: 'password' },
  gcloud: { next: ['--password'], cat: 'password' },
  docker: { ...LOGIN_P, cat: 'password' },
  podman: { ...LOGIN_P, cat: 'password' },
  nerdctl: { ...LOGIN_P, cat: 'password' },
  buildah: { ...LOGIN_P, cat: 'password' },
  skopeo: { ...LOGIN_P, cat: 'password' },
  oras: { ...LOGIN_P, cat: 'password' },
  helm: { next: ['-p', '--password'], pairs: { after: ['--set', '--set-string'], key: secretKey }, cat: 'password' },
  mongo: { next: ['-p', '--password'], cat: 'password' },
  mongosh: { next: ['-p', '--password'], cat: 'password' },
  mongodump: { next: ['-p', '--password'], cat: 'password' },
  mongorestore: { next: ['-p', '--password'], cat: 'password' },
  sqlcmd: { next: ['-P'], cat: 'password' },
  bcp: { next: ['-P'], cat: 'password' },
  'redis-cli': { next: ['-a', '--pass'], cat: 'password' },
  sshpass: { next: ['-p'], glued: ['-p'], cat: 'password' },
  mysql: { glued: ['-p'], cat: 'password' },
  mysqldump: { glued: ['-p'], cat: 'password' },
  mysqladmin: { glued: ['-p'], cat: 'password' },
  mariadb: { glued: ['-p'], cat: 'password' },
  kubectl: { next: ['--token', '--password', '--docker-password'], pairs: { after: ['--from-literal'], key: anyKey }, cat: 'secret' },
  vault: { positional: after('login'), pairs: { after: ['*'], key: (k) => secretKey(k) || k === 'secret_id' }, cat: 'secret' },
  doctl: { next: ['-t', '--access-token'], cat: 'secret' },
  flyctl: { next: ['-t', '--access-token'], cat: 'secret' },
  fly: { next: ['-t', '--access-token'], cat: 'secret' },
  influx: { next: ['-t', '--token'], cat: 'secret' },
  gh: { next: ['--with-token', '--body', '-b'], glued: ['-b'], cat: 'secret' },
  npm: { positional: configSet, cat: 'secret' },
  pnpm: { positional: configSet, cat: 'secret' },
  yarn: { positional: configSet, cat: 'secret' },
  aws: {
    positional: configSet,
    takes: ['--profile', '--region'],
    also: { next: ['--value', '--secret-string'], sub: ['put-parameter', 'create-secret', 'put-secret-value'] },
    cat: 'secret',
  },
  setx: { positional: envValue, cat: 'secret' },
  setenv: { positional: envValue, cat: 'secret' },
  set: { positional: envValue, cat: 'secret' },
  'ConvertTo-SecureString': { next: ['-String'], positional: firstPositional, cat: 'password' },
  net: { positional: netPass, cat: 'password' },
  cmdkey: { glued: ['/pass:'], cat: 'password' },
};

/** Where a piped value is a credential: the command reading it. */
const CRED_SINK_RE =
  /^(?:[\w./-]*\/)?(?:docker|podman|nerdctl|helm|skopeo|buildah|oras|chpasswd|passwd|kubectl|gh|vault|openssl|base64|tee|cryptsetup|wg|gpg|gpg2|htpasswd|az|gcloud|doctl|npm|xclip|pbcopy|ssh-add|sudo)$/;
/** A value written to a file is secret when it looks like key material: long, dense, a letter and a digit. */
const KEYISH_RE = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9+/=_.:-]{16,}$/;
/** An echoed hex key keeps the hex-secret category the wallet rule gives it. */
const HEX_RE = /^(?:0x)?[0-9a-fA-F]{32,}$/;
const STAND_IN_RE = /^\$|^\[REDACTED|^<.*>$|^\{\{|^%s$|^-/;

const ECHOES = new Set(['echo', 'printf', 'cat']);
const TOOL_NAMES = [...Object.keys(TOOLS), ...ECHOES];
// a path before the name (`/usr/bin/docker`) ends in `/`, which the lookbehind lets through
const TOOL_RE = new RegExp(`(?<![\\w.-])${trieSource(TOOL_NAMES)}(?![\\w-])`, 'g');

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

function isValue(text: string): boolean {
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
        const vw = eq > 0 ? w : words[k + 1];
        const skip = eq > 0 ? eq + 1 : 0;
        if (vw !== undefined) {
          const text = eq > 0 ? t.slice(eq + 1) : vw.text;
          if (spec.scheme !== undefined) {
            if (text.startsWith(spec.scheme)) {
              const [s, e] = valueSpan(line, vw, skip);
              const at = line.indexOf(spec.scheme, s);
              if (at >= 0 && at < e && isValue(text.slice(spec.scheme.length))) out.push([at + spec.scheme.length, e]);
            } else if (flag === '-k' && isValue(text)) out.push(valueSpan(line, vw, skip));
          } else if (isValue(text)) out.push(valueSpan(line, vw, skip));
          if (eq < 0) k++;
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
  if (!keyFile && (sink === '' || sink === 'tee' || sink === 'base64') && !KEYISH_RE.test(text)) return [];
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
];

export const CLI_ARGS_RULE: Rule = {
  needs: { lits: NEEDS },
  gate: (l) => NEEDS.some((n) => l.includes(n)),
  re: TOOL_RE,
  handle,
};

/**
 * PowerShell's `ConvertTo-SecureString 'PASS' -AsPlainText` and `-String "PASS" -AsPlainText`:
 * the string literal (the keyed pass may already have taken the cmdlet's name for the value
 * of `$pw =` or `-Password`, so the literal is found by `-AsPlainText`, not by the cmdlet).
 */
const PLAIN_TEXT_RE = /(["'])([^"'\n]{1,256})\1(?=[ \t]+-AsPlainText)|(?<=-String[ \t]+)(["'])([^"'\n]{1,256})\3/g;

export const PLAIN_TEXT_RULE: Rule = {
  needs: { lits: ['AsPlainText'] },
  gate: (l) => l.includes('AsPlainText'),
  re: PLAIN_TEXT_RE,
  handle: (eng, m) => {
    const q = (m[1] ?? m[3]) as string;
    const v = (m[2] ?? m[4]) as string;
    return isValue(v) ? [q + eng.mark('password') + q, m.index + m[0].length] : null;
  },
};

/**
 * A here-string into a command that reads a credential: `docker login --password-stdin <<< PASS`,
 * `smbpasswd -a ops <<< PASS`, `gcloud secrets create x --data-file=- <<< VALUE`.
 */
const HERE_STRING_RE = /(?<=[ \t])<<<(?!<)[ \t]*(\\"[^"\\\n]{1,256}\\"|"[^"\n]{1,256}"|'[^'\n]{1,256}'|[^\s"'|;&)]{1,256})/g;
const CRED_COMMAND_RE = /\b(?:login|secrets?|passwd|smbpasswd|chpasswd|password|token|vault|keyring)\b|stdin|--data-file/i;

export const HERE_STRING_RULE: Rule = {
  needs: { lits: ['<<<'] },
  gate: (l) => l.includes('<<<'),
  re: HERE_STRING_RE,
  handle: (eng, m, line) => {
    const v = m[1] as string;
    const q = v.startsWith('\\"') ? '\\"' : v[0] === '"' || v[0] === "'" ? (v[0] as string) : '';
    // the command before the here-string, back to the previous `|`, `;`, `&` or line start
    let s = m.index;
    while (s > 0 && !'|;&\n'.includes(line[s - 1] as string)) s--;
    if (!CRED_COMMAND_RE.test(line.slice(s, m.index)) || !isValue(v.slice(q.length, v.length - q.length))) return null;
    return [line.slice(m.index, m.index + m[0].length - v.length) + q + eng.mark('password') + q, m.index + m[0].length];
  },
};

/** SQL: `CREATE USER … WITH PASSWORD 'x'`, `IDENTIFIED BY 'x'`, `PASSWORD = 'x'`, `SET PASSWORD … = PASSWORD('x')`. */
const SQL_PASSWORD_RE = /(?<=\b(?:PASSWORD|IDENTIFIED[ \t]+BY|password|identified[ \t]+by)[ \t]*(?:=[ \t]*)?\(?[ \t]*)'([^'\n]{1,256})'/g;

export const SQL_PASSWORD_RULE: Rule = {
  needs: { lits: ['PASSWORD', 'password', 'IDENTIFIED', 'identified'] },
  gate: (l) => (l.includes('PASSWORD') || l.includes('password') || l.includes('IDENTIFIED') || l.includes('identified')) && l.includes("'"),
  re: SQL_PASSWORD_RE,
  handle: (eng, m) => (isValue(m[1] as string) ? ["'" + eng.mark('password') + "'", m.index + m[0].length] : null),
};
