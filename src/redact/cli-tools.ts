/**
 * The tools whose command lines carry a secret with no key name, as data: which flags take
 * it (`-p`, `-storepass`), glued or not (`7z -pPASS`), with a scheme (`pass:`), which
 * positional word it is (`htpasswd -b file user PASS`), which `k=v` arguments
 * (`--from-literal`, `--set`). Read by cli-args.ts.
 */
export interface Word {
  /** The word's bounds in the line. */
  s: number;
  e: number;
  /** The word without its quotes (a JSON log's `\"` counts as a quote). */
  text: string;
  /** The value starts after this character's first occurrence in the raw word. */
  skipTo?: string;
}

/** How a tool's secret arguments are found among its words (after the tool word). */
export interface ToolSpec {
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

import { TOOLS_R6 } from './cli-tools-r6.js';

const LOGIN_P = { next: ['-p', '--password'], sub: ['login'] } as const;

export const TOOLS: Record<string, ToolSpec> = {
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
  ...TOOLS_R6,
};
