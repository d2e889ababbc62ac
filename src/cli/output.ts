import kleur from 'kleur';
import { type B3iqError, ExitCode, type ExitCodeValue } from '../core/errors.js';
import { credentialRunRe } from '../core/credential-kinds.js';
import { hintFor } from './hints.js';

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

  /** The command's result: JSON with --json, else the human rendering (if any) on stdout. */
  data(doc: unknown, human?: () => string | undefined): void {
    if (this.json) {
      this.stdout.write(JSON.stringify(doc, null, 2) + '\n');
      return;
    }
    const text = human?.();
    if (text !== undefined && text !== '') this.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** Raw bytes meant for stdout (a token with --out -, redacted text, a completion script). */
  raw(text: string): void {
    this.stdout.write(text);
  }

  info(msg: string): void {
    if (!this.quiet) this.stderr.write(msg + '\n');
  }

  success(msg: string): void {
    if (!this.quiet) this.stderr.write(`${kleur.green('✓')} ${msg}\n`);
  }

  warn(msg: string): void {
    this.stderr.write(`${kleur.yellow('warning:')} ${msg}\n`);
  }

  /** The one place errors are printed: one or two lines, an E_ code, no stack unless asked. */
  error(err: B3iqError, debug: boolean): ExitCodeValue {
    const message = scrub(err.message);
    const text = hintFor(err);
    const hint = text === undefined ? undefined : scrub(text);
    if (this.json) {
      const doc: Record<string, unknown> = { code: err.code, message };
      if (hint) doc.hint = hint;
      if (err.details) Object.assign(doc, err.details);
      this.stderr.write(JSON.stringify({ error: doc }) + '\n');
    } else {
      this.stderr.write(`${kleur.red('error')} ${kleur.dim(`[${err.code}]`)} ${message}\n`);
      if (hint) this.stderr.write(`  ${hint}\n`);
    }
    if (debug && err.stack) this.stderr.write(scrub(err.stack) + '\n');
    return err.exitCode;
  }
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
