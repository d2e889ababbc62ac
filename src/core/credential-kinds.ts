/**
 * The one source of what each kind of b3iq credential is: its token prefix, record id
 * prefix, names, the ways a command may be given one, and its redaction category. The
 * token pattern, the argv guard, the scanner, the output scrubber, help texts and the man
 * page's ENVIRONMENT section are all derived from this table.
 *
 * No imports: the argv guard reads it on every start, before anything heavy loads.
 */
export const CREDENTIAL_KINDS = ['local', 'support', 'gateway', 'setup'] as const;
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
  secret: SecretSources;
  /** What the man page's ENVIRONMENT section says the variables carry. */
  envHelp: string;
  /** The redactor's category for a token of this kind (its [REDACTED:<category>] marker). */
  redactCategory: 'local-key' | 'support-grant' | 'gateway-key' | 'setup-token';
}

function sources(fileFlag: string, env: string): SecretSources {
  return { fileFlag, envFile: `${env}_FILE`, env };
}

export const KINDS: Readonly<Record<CredentialKindName, CredentialKindSpec>> = Object.freeze({
  local: {
    kind: 'local', prefix: 'b3iq_local_', idPrefix: 'lk_', label: 'local API key', noun: 'local key',
    secret: sources('--key-file', 'B3IQ_LOCAL_KEY'), envHelp: 'a local API key, for keys verify and request-config.', redactCategory: 'local-key',
  },
  support: {
    kind: 'support', prefix: 'b3iq_support_', idPrefix: 'sg_', label: 'support grant token', noun: 'support grant',
    secret: sources('--token-file', 'B3IQ_SUPPORT_TOKEN'), envHelp: 'a support grant token, for support verify.', redactCategory: 'support-grant',
  },
  gateway: {
    kind: 'gateway', prefix: 'b3iq_gateway_', idPrefix: null, label: 'hosted gateway key', noun: 'gateway key',
    secret: sources('--key-file', 'B3IQ_GATEWAY_KEY'), envHelp: 'the hosted gateway key, for gateway login.', redactCategory: 'gateway-key',
  },
  setup: {
    kind: 'setup', prefix: 'b3iq_setup_', idPrefix: 'st_', label: 'setup token', noun: 'setup token',
    secret: sources('--token-file', 'B3IQ_SETUP_TOKEN'), envHelp: 'a setup token (or setup URL), for setup and recover.', redactCategory: 'setup-token',
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

/** Every credential-shaped run, however long (scanner candidates, scrubbing output). */
export function credentialRunRe(): RegExp {
  return credentialRe('[0-9A-Za-z]+', 'g');
}

/** "--key-file PATH, B3IQ_LOCAL_KEY_FILE, B3IQ_LOCAL_KEY, or stdin": the safe ways to pass one. */
export function safeWays(kind: CredentialKindName): string {
  const s = KINDS[kind].secret;
  return `${s.fileFlag} PATH, ${s.envFile}, ${s.env}, or stdin`;
}

/** Kinds that have a record on this node (the gateway key lives only in the keychain). */
export type RecordKindName = Exclude<CredentialKindName, 'gateway'>;
export const RECORD_KINDS: readonly RecordKindName[] = CREDENTIAL_KINDS.filter((k): k is RecordKindName => KINDS[k].idPrefix !== null);

/**
 * A record id of one of `kinds` (default: every kind with records): its id prefix, then
 * base62 characters; `body` is the quantifier, e.g. `{8,32}`.
 */
export function recordIdRe(body: string, kinds: readonly RecordKindName[] = RECORD_KINDS): RegExp {
  const prefixes = kinds.map((k) => KINDS[k].idPrefix!.slice(0, -1)).join('|');
  return new RegExp(`^(${prefixes})_[0-9A-Za-z]${body}$`);
}
