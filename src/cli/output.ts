import kleur from 'kleur';
import { type B3iqError, ExitCode, type ExitCodeValue } from '../core/errors.js';
import { credentialRunRe } from '../core/credential-kinds.js';
import { hintFor } from './hints.js';
import { argRef, hideArgValues, type EchoRules } from './arg-echo.js';
import { jsonDocument } from './json-document.js';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/**
 * stdout is for data, stderr for people. With --json, stdout carries exactly one document
 * and errors are a JSON document on stderr.
 */
export class Output {
  constructor(
    private readonly stdout: OutStream,
    private readonly stderr: OutStream,
    readonly json: boolean,
    readonly quiet: boolean,
    readonly color: boolean,
  ) {
    kleur.enabled = color;
  }

  /** The command line, so errors and warnings can name arguments by position (arg-echo.ts). */
  private echo: EchoRules | undefined;
  guardArgv(rules: EchoRules): void {
    this.echo = rules;
  }

  /** Scrubs credential shapes and hides argument values that may be secrets. */
  private clean(text: string): string {
    const scrubbed = scrub(text);
    return this.echo ? hideArgValues(scrubbed, this.echo) : scrubbed;
  }

  /** The command's result: JSON with --json, else the human rendering (if any) on stdout. */
  data(doc: unknown, human?: () => string | undefined): void {
    if (this.json) {
      this.stdout.write(jsonDocument(doc));
      return;
    }
    const text = human?.();
    if (text !== undefined && text !== '') this.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** Raw bytes meant for stdout (a token with --out -, redacted text, a completion script). */
  raw(text: string): void {
    this.stdout.write(text);
  }

  // With --json, stderr carries one JSON document or nothing: human lines are dropped,
  // warnings and stderr facts are gathered here and written once, by finish() or error().
  private readonly warnings: string[] = [];
  private readonly stderrFacts: Record<string, unknown> = {};
  private finished = false;

  info(msg: string): void {
    if (!this.quiet && !this.json) this.stderr.write(msg + '\n');
  }

  success(msg: string): void {
    if (!this.quiet && !this.json) this.stderr.write(`${kleur.green('✓')} ${msg}\n`);
  }

  warn(msg: string): void {
    if (this.json) this.warnings.push(this.clean(msg));
    else this.stderr.write(`${kleur.yellow('warning:')} ${this.clean(msg)}\n`);
  }

  /** A fact for stderr's JSON document (e.g. redaction counts when stdout is the text itself). */
  stderrFact(key: string, value: unknown): void {
    this.stderrFacts[key] = value;
  }

  /** After a command succeeded: with --json, the one stderr document, if there is anything to say. */
  finish(): void {
    if (!this.json || this.finished) return;
    this.finished = true;
    const doc: Record<string, unknown> = { ...this.stderrFacts };
    if (this.warnings.length > 0) doc.warnings = this.warnings;
    if (Object.keys(doc).length > 0) this.stderr.write(JSON.stringify(doc) + '\n');
  }

  /** "See: b3iq <command> --help": the second line of a usage error that has no hint of its own. */
  helpHint: string | undefined;

  /** The one place errors are printed: one or two lines, an E_ code, no stack unless asked. */
  error(err: B3iqError, debug: boolean): ExitCodeValue {
    const message = this.clean(withPosition(err, this.echo?.argv));
    const text = hintFor(err) ?? (err.exitCode === ExitCode.usage ? this.helpHint : undefined);
    const hint = text === undefined ? undefined : this.clean(text);
    if (this.json) {
      const doc: Record<string, unknown> = { code: err.code, message };
      if (hint) doc.hint = hint;
      if (err.details) Object.assign(doc, err.details);
      if (debug && err.stack) doc.stack = this.clean(err.stack);
      const whole: Record<string, unknown> = { error: doc };
      if (this.warnings.length > 0) whole.warnings = this.warnings;
      this.finished = true;
      this.stderr.write(JSON.stringify(whole) + '\n');
    } else {
      this.stderr.write(`${kleur.red('error')} ${kleur.dim(`[${err.code}]`)} ${message}\n`);
      if (hint) this.stderr.write(`  ${hint}\n`);
    }
    if (debug && err.stack && !this.json) this.stderr.write(scrub(err.stack) + '\n');
    return err.exitCode;
  }
}

/** An error about one argument's value (facts.argValue) names that argument by position. */
function withPosition(err: B3iqError, argv: readonly string[] | undefined): string {
  const value = err.facts?.argValue;
  if (value === undefined || argv === undefined) return err.message;
  return err.message.replace(/\.$/, '') + ` (${argRef(argv, value)}).`;
}

const CREDENTIAL_ANYWHERE = credentialRunRe();

/** Defence in depth: no error text ever carries a credential-shaped string. */
function scrub(text: string): string {
  return text.replace(CREDENTIAL_ANYWHERE, 'b3iq_$1_[REDACTED]');
}

export function useColor(stream: OutStream, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag || 'NO_COLOR' in env) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export { ExitCode };
