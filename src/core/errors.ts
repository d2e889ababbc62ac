/**
 * The contract's exit codes (docs/contract.md section 6) in one typed table. Commands throw
 * B3iqError; only cli/main.ts turns an error into an exit code.
 */
export const ExitCode = {
  ok: 0,
  negative: 1,
  usage: 2,
  environment: 3,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Every error code the tool emits, with the exit code it maps to. */
export const ErrorCodes = {
  E_USAGE: ExitCode.usage,
  E_SECRET_IN_ARGV: ExitCode.usage,
  E_NO_INPUT: ExitCode.usage,
  E_BAD_INPUT: ExitCode.usage,
  E_SCOPE_UNKNOWN: ExitCode.usage,
  E_SCOPE_FORBIDDEN: ExitCode.usage,
  E_DURATION: ExitCode.usage,
  E_OUT_EXISTS: ExitCode.usage,
  E_OUT_SYMLINK: ExitCode.usage,
  E_STDOUT_NOT_TTY: ExitCode.usage,
  E_WRONG_KIND: ExitCode.usage,
  E_INVALID_JSON: ExitCode.usage,
  E_TOO_DEEP: ExitCode.usage,
  E_WEAK_PASSWORD: ExitCode.usage,
  E_NO_GATEWAY_KEY: ExitCode.usage,
  E_NOT_FOUND: ExitCode.negative,
  E_INVALID_TOKEN: ExitCode.negative,
  E_WRONG_PASSWORD: ExitCode.negative,
  E_OWNER_EXISTS: ExitCode.negative,
  E_NO_OWNER: ExitCode.negative,
  E_CHECK_FAILED: ExitCode.negative,
  E_NOT_INITIALISED: ExitCode.environment,
  E_CORRUPT: ExitCode.environment,
  E_SCHEMA_NEWER: ExitCode.environment,
  E_UNSAFE_PERMISSIONS: ExitCode.environment,
  E_UNSAFE_OWNER: ExitCode.environment,
  E_SYMLINK: ExitCode.environment,
  E_LOCK_TIMEOUT: ExitCode.environment,
  E_KEYCHAIN_UNAVAILABLE: ExitCode.environment,
  E_IO: ExitCode.environment,
  E_CLOCK_BEHIND: ExitCode.environment,
  E_INTERRUPTED: ExitCode.interrupted,
} as const satisfies Record<string, ExitCodeValue>;
export type ErrorCode = keyof typeof ErrorCodes;

/**
 * What the operator can do next, named as a fact of the domain rather than in any one
 * front end's words: the CLI maps each to a hint naming its commands (cli/hints.ts).
 */
export const NEXT_STEPS = [
  'init',
  'home-real-dir',
  'home-own-dir',
  'setup-token-new',
  'setup-token-one',
  'setup-token-create',
  'setup-token-as-issued',
  'list-keys',
  'list-support',
  'list-setup',
  'create-key',
  'rotate-successor',
  'name-example',
  'support-ttl',
  'setup-owner',
  'reset-owner',
  'restore-owner',
  'recover-owner',
  'passwd-again',
  'gateway-kinds',
  'restore-force',
  'restore-backup',
  'gateway-login',
  'enroll-status',
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export class B3iqError extends Error {
  readonly code: ErrorCode;
  /** A second line telling the operator what to do next, when it names no command. */
  readonly hint: string | undefined;
  /** What to do next, for the front end to word (see NEXT_STEPS). */
  readonly next: NextStep | undefined;
  /** Facts the front end's wording may use (ids, never secrets); not part of --json output. */
  readonly facts: Readonly<Record<string, string>> | undefined;
  /** Extra machine-readable fields for the --json error document. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { hint?: string; next?: NextStep; facts?: Record<string, string>; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'B3iqError';
    this.code = code;
    this.hint = opts.hint;
    this.next = opts.next;
    this.facts = opts.facts;
    this.details = opts.details;
  }

  get exitCode(): ExitCodeValue {
    return ErrorCodes[this.code];
  }
}

export function isB3iqError(e: unknown): e is B3iqError {
  return e instanceof B3iqError;
}

/** Errors from fs calls, reduced to their code, never their (path-carrying) message. */
export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}
