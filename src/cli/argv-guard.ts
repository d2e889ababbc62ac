import { CREDENTIAL_SHAPE_RE, percentDecodedWordChars, recordIdRe, type CredentialKindName } from '../core/credential-kinds.js';

/**
 * Runs before commander parses anything: commander's "unknown option '…'" would echo a
 * value. A finding names the argument's position and what it looked like, never its text.
 */
export interface ArgvFinding {
  /** 1-based position in the arguments after `b3iq`. */
  position: number;
  what: 'credential' | 'secret-flag';
  /** For secret flags: the flag's name when it is made of common words only (never its value). */
  flag?: string;
  /** For credentials: the kind its prefix names. */
  kind?: CredentialKindName;
  /** The offending candidate, for a lookup against this node's records; never printed. */
  candidate?: string;
}

// Words that make a flag carry a secret's value; the `--*-file` flags are the safe alternative.
const SECRET_WORDS = new Set([
  'token',
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'key',
  'apikey',
  'auth',
  'bearer',
  'passphrase',
  'credential',
  'credentials',
  'privatekey',
  'mnemonic',
  'seed',
]);
const GLUED_SECRET_RE = /(password|passwd|secret|token|apikey|passphrase)$/;
/** `--key ID` is a real flag (request-config) taking a public id, not a secret. */
const ID_VALUE_RE = recordIdRe('{1,32}');
const GLOBAL_CRED_RE = new RegExp(CREDENTIAL_SHAPE_RE.source, 'g');

// Words a flag name may be made of and still be repeated: `-pHunter2` or `--hunter2secret`
// is a password glued to a flag, and its "name" is the secret itself.
const SAYABLE_WORDS = new Set([
  ...SECRET_WORDS,
  'api',
  'access',
  'refresh',
  'client',
  'private',
  'owner',
  'gateway',
  'local',
  'support',
  'setup',
  'db',
  'app',
  'user',
  'admin',
  'id',
  'b3iq',
  'new',
  'old',
  'current',
]);

function sayableFlag(raw: string, name: string): string | undefined {
  if (!raw.startsWith('--')) return undefined;
  return name.split(/[-_.:]+/).every((w) => w === '' || SAYABLE_WORDS.has(w)) ? `--${name}` : undefined;
}

/** True for flag names like --token, --client_secret, --db.password, --auth-token (not --key-file). */
/** Flags whose value is a path, however their name reads (`b3iq ui --tls-key FILE`). */
const PATH_FLAGS = new Set(['tls-key']);

function isSecretFlagName(name: string): boolean {
  if (PATH_FLAGS.has(name)) return false;
  const words = name
    .toLowerCase()
    .split(/[-_.:]+/)
    .filter(Boolean);
  if (words.at(-1) === 'file') return false;
  return words.some((w) => SECRET_WORDS.has(w) || GLUED_SECRET_RE.test(w));
}

export function scanArgv(argv: readonly string[]): ArgvFinding[] {
  const findings: ArgvFinding[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const position = i + 1;
    let hit = false;
    for (const m of percentDecodedWordChars(arg).matchAll(GLOBAL_CRED_RE)) {
      findings.push({ position, what: 'credential', kind: m[1] as ArgvFinding['kind'], candidate: m[0] });
      hit = true;
    }
    if (hit) continue;
    const fm = /^--?([A-Za-z][A-Za-z0-9_.-]*)([=:](.*))?$/s.exec(arg);
    if (!fm) continue;
    const name = fm[1]!.toLowerCase();
    if (!isSecretFlagName(name)) continue;
    const value = fm[2] !== undefined ? fm[3]! : argv[i + 1];
    if (name === 'key' && (value === undefined || ID_VALUE_RE.test(value))) continue;
    const flag = sayableFlag(arg, name);
    findings.push(flag === undefined ? { position, what: 'secret-flag' } : { position, what: 'secret-flag', flag });
  }
  // A credential first: in `--token b3iq_local_…` the refusal must say whether the value is
  // a live credential that is now exposed, not only that --token is the wrong way.
  return [...findings.filter((f) => f.what === 'credential'), ...findings.filter((f) => f.what !== 'credential')];
}
