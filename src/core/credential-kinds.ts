/**
 * The one source of what each kind of b3iq credential is: its token prefix, record id
 * prefix, names, the ways a command may be given one, and its redaction category. The
 * token pattern, the argv guard, the scanner, the output scrubber, help texts and the man
 * page's ENVIRONMENT section are all derived from this table.
 *
 * No imports: the argv guard reads it on every start, before anything heavy loads.
 */
/**
 * `session` is the owner's session cookie value (src/owner/sessions.ts): a b3iq token in
 * format, so everything that catches tokens catches it, but never given to a command.
 */
export const CREDENTIAL_KINDS = ['local', 'support', 'gateway', 'setup', 'session'] as const;
export type CredentialKindName = (typeof CREDENTIAL_KINDS)[number];

/** The ways a command may be given a secret other than a prompt, in the order they are tried. */
export interface SecretSources {
  /** The command's flag naming a file ('-' for stdin). */
  fileFlag: string;
  /** The variable naming a file holding the secret. */
  envFile: string;
  /** The variable holding the secret itself (visible to the user's other processes). */
  env: string;
}

export interface CredentialKindSpec {
  kind: CredentialKindName;
  /** Every token of this kind starts with this. */
  prefix: string;
  /** The prefix of its record id; null when the node keeps no record (the gateway key lives in the keychain). */
  idPrefix: string | null;
  /** The full name, in refusals and prompts: "local API key". */
  label: string;
  /** The short name, in listings and findings: "local key". */
  noun: string;
  /** null: no command ever takes one (an owner session lives in the browser). */
  secret: SecretSources | null;
  /** What the man page's ENVIRONMENT section says the variables carry. */
  envHelp: string | null;
  /** The redactor's category for a token of this kind (its [REDACTED:<category>] marker). */
  redactCategory: 'local-key' | 'support-grant' | 'gateway-key' | 'setup-token' | 'cookie';
}

function sources(fileFlag: string, env: string): SecretSources {
  return { fileFlag, envFile: `${env}_FILE`, env };
}

/** Every kind but `session` has its ways in; the type says so, so callers need no checks. */
type SpecOf<K extends CredentialKindName> = K extends 'session'
  ? CredentialKindSpec & { secret: null; envHelp: null }
  : CredentialKindSpec & { secret: SecretSources; envHelp: string };

export const KINDS: Readonly<{ [K in CredentialKindName]: SpecOf<K> }> = Object.freeze({
  local: {
    kind: 'local',
    prefix: 'b3iq_local_',
    idPrefix: 'lk_',
    label: 'local API key',
    noun: 'local key',
    secret: sources('--key-file', 'B3IQ_LOCAL_KEY'),
    envHelp: 'a local API key, for keys verify and request-config.',
    redactCategory: 'local-key',
  },
  support: {
    kind: 'support',
    prefix: 'b3iq_support_',
    idPrefix: 'sg_',
    label: 'support grant token',
    noun: 'support grant',
    secret: sources('--token-file', 'B3IQ_SUPPORT_TOKEN'),
    envHelp: 'a support grant token, for support verify and request-config --kind support.',
    redactCategory: 'support-grant',
  },
  gateway: {
    kind: 'gateway',
    prefix: 'b3iq_gateway_',
    idPrefix: null,
    label: 'hosted gateway key',
    noun: 'gateway key',
    secret: sources('--key-file', 'B3IQ_GATEWAY_KEY'),
    envHelp: 'the hosted gateway key, for gateway login.',
    redactCategory: 'gateway-key',
  },
  setup: {
    kind: 'setup',
    prefix: 'b3iq_setup_',
    idPrefix: 'st_',
    label: 'setup token',
    noun: 'setup token',
    secret: sources('--token-file', 'B3IQ_SETUP_TOKEN'),
    envHelp: 'a setup token (or setup URL), for setup and recover.',
    redactCategory: 'setup-token',
  },
  session: {
    kind: 'session',
    prefix: 'b3iq_session_',
    idPrefix: 'os_',
    label: 'owner session cookie',
    noun: 'owner session',
    secret: null,
    envHelp: null,
    redactCategory: 'cookie',
  },
});

/** `local|support|gateway|setup`: the one place the alternation is spelled. */
const KIND_ALTERNATION = CREDENTIAL_KINDS.join('|');

/**
 * `b3iq_(<kind>)_` followed by `body` (a regex fragment for the base62 part), with the kind
 * captured as group 1. Every credential pattern in the tool is built here.
 */
export function credentialRe(body: string, flags = '', anchored = false): RegExp {
  const core = `b3iq_(${KIND_ALTERNATION})_${body}`;
  return new RegExp(anchored ? `^${core}$` : core, flags);
}

/** Anything shaped like a b3iq credential, checksum or not (argv guard, password policy). */
export const CREDENTIAL_SHAPE_RE = credentialRe('[0-9A-Za-z]{16,}');

/**
 * `text` with percent-encoded letters, digits and `_` decoded: a setup URL copied with its
 * `_` encoded (`b3iq%5Fsetup%5F…`) still carries the token, and must be found as one.
 */
export function percentDecodedWordChars(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/%[0-9A-Fa-f]{2}/g, (h) => {
    const c = String.fromCharCode(Number.parseInt(h.slice(1), 16));
    return /[0-9A-Za-z_]/.test(c) ? c : h;
  });
}

/** Every credential-shaped run, however long (scanner candidates, scrubbing output). */
export function credentialRunRe(): RegExp {
  return credentialRe('[0-9A-Za-z]+', 'g');
}

/** "--key-file PATH, B3IQ_LOCAL_KEY_FILE, B3IQ_LOCAL_KEY, or stdin": the safe ways to pass one. */
export function safeWays(kind: CredentialKindName): string {
  const s = KINDS[kind].secret;
  if (!s) return 'no argument at all (it belongs to the browser that signed in)';
  return `${s.fileFlag} PATH, ${s.envFile}, ${s.env}, or stdin`;
}

/**
 * Kinds that have a record in credentials.json (the gateway key lives only in the keychain;
 * owner sessions in owner-sessions.json, src/owner/sessions.ts).
 */
export type RecordKindName = Exclude<CredentialKindName, 'gateway' | 'session'>;
export const RECORD_KINDS: readonly RecordKindName[] = CREDENTIAL_KINDS.filter((k): k is RecordKindName => KINDS[k].idPrefix !== null && k !== 'session');

/**
 * A record id of one of `kinds` (default: every kind with records): its id prefix, then
 * base62 characters; `body` is the quantifier, e.g. `{8,32}`.
 */
export function recordIdRe(body: string, kinds: readonly RecordKindName[] = RECORD_KINDS): RegExp {
  const prefixes = kinds.map((k) => KINDS[k].idPrefix!.slice(0, -1)).join('|');
  return new RegExp(`^(${prefixes})_[0-9A-Za-z]${body}$`);
}
