/**
 * Command lines and environment entries carry secrets in their own syntax: `--api-key X`,
 * `--token=X`, `docker login -p X`, `curl -u user:pass`, `HF_TOKEN=hf_…`, `aws configure set
 * aws_secret_access_key X`. The same reader serves a command written as one string and one
 * given as an argv or env array, and says which word carries the secret.
 */
import { classifyPublicKey } from './keys.js';

/** Placeholders and references that are not secrets even where a secret goes. */
export const PLACEHOLDER_RE =
  /^(?:|null|nil|none|true|false|undefined|\*+|x{3,}|X{3,}|\.{3}|…|<[^<>]*>|\[REDACTED(?::[a-z0-9-]+)?\]|\[[a-z0-9-]+\]|REDACTED|redacted|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([^)]*\)|%[A-Za-z_][A-Za-z0-9_]*%|(?:lk|sg|st)_[0-9A-Za-z]{6,20}|env:[A-Za-z_][A-Za-z0-9_]*|file:.*|-)$/;

/**
 * A run that looks generated (12+ letters and digits mixing digits with letters): a
 * placeholder's brackets or prefix around one (`<Zx9Qw8Er7Ty6Ui5Op4>`, `file:Zx9Q…`,
 * `${Zx9Q…}`) do not make it a placeholder.
 */
const GENERATED_RUN_RE = /(?=[A-Za-z0-9]{12})(?=[A-Za-z]{0,11}\d)(?=\d{0,11}[A-Za-z])[A-Za-z0-9]{12,}/;
const RECORD_ID_RE = /^(?:lk|sg|st)_[0-9A-Za-z]{6,20}$/;

export function isPlaceholder(v: string): boolean {
  const t = v.trim();
  if (!PLACEHOLDER_RE.test(t)) return false;
  return RECORD_ID_RE.test(t) || t.startsWith('file:/') || !GENERATED_RUN_RE.test(t);
}

/** Commands whose `-p` is a password (elsewhere `-p` is a port or "parents"). */
const PASSWORD_P_COMMANDS = /^(?:mysql|mysqladmin|mysqldump|mariadb|mariadb-dump|sshpass|mongo|mongosh)$/;
const LOGIN_RE = /^(?:login|registry-login)$/;
const ENV_ENTRY_RE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s;

function unquote(w: string): string {
  return w.replace(/^(["'])(.*)\1$/s, '$2');
}

function secretName(name: string): boolean {
  return classifyPublicKey(name) === 'credential';
}

/** `$1:$2`, `${USER}:${PASS}`: references to secrets kept elsewhere, not secrets. */
const ONLY_REFERENCES_RE = /^(?:\$(?:\d|[A-Za-z_]\w*|\{[^}]*\})|[:@/])+$/;

function carriesValue(v: string | undefined): boolean {
  if (v === undefined) return false;
  const u = unquote(v);
  return u !== '' && !u.startsWith('-') && !isPlaceholder(u) && !ONLY_REFERENCES_RE.test(u);
}

/**
 * Indexes of the words that are secrets. `words` is an argv (or an env list); a word of
 * the form `NAME=value` is an env entry wherever it stands.
 */
export function secretWords(words: readonly string[]): number[] {
  const out: number[] = [];
  const base = (words[0] ?? '').replace(/^.*[\\/]/, '');
  const passwordP = PASSWORD_P_COMMANDS.test(base) || words.some((w) => LOGIN_RE.test(w));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const next = words[i + 1];
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const isUserPass = (name === 'user' || name === 'proxy-user') && (eq < 0 ? next : w.slice(eq + 1))?.includes(':');
      if (secretName(name) || isUserPass) {
        if (eq >= 0 ? carriesValue(w.slice(eq + 1)) : carriesValue(next)) out.push(eq >= 0 ? i : i + 1);
      }
      continue;
    }
    if (/^-[A-Za-z]/.test(w)) {
      const flag = w[1] as string;
      const glued = w.length > 2 ? w.slice(2) : undefined;
      const secretFlag =
        (flag === 'p' && passwordP) || (flag === 'a' && base === 'redis-cli') || (flag === 'u' && (glued ?? next ?? '').includes(':') && base === 'curl');
      if (secretFlag) {
        if (glued !== undefined ? carriesValue(glued) : carriesValue(next)) out.push(glued !== undefined ? i : i + 1);
      }
      continue;
    }
    const env = ENV_ENTRY_RE.exec(w);
    if (env && secretName(env[1] as string) && carriesValue(env[2] as string)) {
      out.push(i);
      continue;
    }
    // aws configure set aws_secret_access_key VALUE
    if (w === 'set' && words[i - 1] === 'configure' && next !== undefined && secretName(next) && carriesValue(words[i + 2])) {
      out.push(i + 2);
    }
  }
  return out;
}

/** Whether a string holds a command line or env entry that carries a secret. */
export function commandCarriesSecret(s: string): boolean {
  if (!/(?:^|[\s\0])-{1,2}[A-Za-z]|=|\bset\b/.test(s)) return false;
  for (const line of s.split(/[\n;&|]+/)) {
    // NUL separates the words of /proc/<pid>/cmdline
    const words = line
      .trim()
      .split(/[\s\0]+/)
      .filter(Boolean);
    if (words.length > 0 && secretWords(words).length > 0) return true;
  }
  return false;
}
