import * as fs from 'node:fs';
import * as net from 'node:net';
import * as tty from 'node:tty';
import type { Readable } from 'node:stream';
import { B3iqError, ExitCode, errnoCode } from '../core/errors.js';
import type { Context } from './context.js';
import { openUserFile } from '../fs/user-file.js';
import { KINDS, type CredentialKindName } from '../core/credential-kinds.js';

/**
 * The one way every command reads a secret (docs/contract.md 1.1), in this order:
 * --<name>-file PATH ('-' = stdin) > B3IQ_<NAME>_FILE > B3IQ_<NAME> > piped stdin >
 * a masked prompt (on stdin's terminal, or /dev/tty when stdin carried another secret).
 * With none available it fails at once with exit 2, naming the ways.
 */
export const MAX_SECRET_BYTES = 64 * 1024;

export interface SecretSpec {
  /** e.g. B3IQ_LOCAL_KEY; B3IQ_LOCAL_KEY_FILE is derived. */
  env: string;
  /** e.g. --key-file */
  fileFlag: string;
  /** Human name: "local API key". */
  label: string;
  /** Never read from the environment (its variables are not among the ways in). */
  noEnv?: boolean;
}

/** A credential's ways in, from the one table of credential kinds. */
function credentialSecret(kind: Exclude<CredentialKindName, 'session'>): SecretSpec {
  const k = KINDS[kind];
  return { env: k.secret!.env, fileFlag: k.secret!.fileFlag, label: k.label };
}

export const SECRETS = {
  localKey: credentialSecret('local'),
  supportToken: credentialSecret('support'),
  setupToken: credentialSecret('setup'),
  ownerPassword: { env: 'B3IQ_OWNER_PASSWORD', fileFlag: '--password-file', label: 'owner password' },
  currentPassword: { env: 'B3IQ_OWNER_PASSWORD', fileFlag: '--current-password-file', label: 'current owner password' },
  /** owner passwd's new password: never from the environment, which holds the current one. */
  newPassword: { env: 'B3IQ_OWNER_PASSWORD', fileFlag: '--password-file', label: 'new owner password', noEnv: true },
  gatewayKey: credentialSecret('gateway'),
} as const satisfies Record<string, SecretSpec>;

export type SecretSource = 'file' | 'env-file' | 'env' | 'stdin' | 'prompt';

export interface ReadSecretOptions {
  /** The value of the command's --<name>-file flag, if given. */
  file?: string | undefined;
  /** Ask twice on a prompt (new passwords). */
  confirm?: boolean;
  /** Skip the environment (e.g. a new password must not silently come from the current one's variable). */
  noEnv?: boolean;
  promptMessage?: string;
  /**
   * On a prompt: checks the first entry before asking again, and on a refusal (a B3iqError)
   * says why on the terminal and starts over, three tries in all, as passwd does.
   */
  check?: (value: string) => Promise<void>;
}

const PROMPT_TRIES = 3;

export interface Secret {
  value: string;
  source: SecretSource;
}

/** The ways a secret can come in; without stdin when stdin already carried another secret. */
function ways(spec: SecretSpec, stdinFree = true): string {
  if (!stdinFree) return spec.noEnv ? `${spec.fileFlag} PATH` : `${spec.fileFlag} PATH, ${spec.env}_FILE or ${spec.env} (stdin carried another secret)`;
  if (spec.noEnv) return `${spec.fileFlag} PATH (- for stdin), or pipe it on stdin`;
  return `${spec.fileFlag} PATH (- for stdin), ${spec.env}_FILE, ${spec.env}, or pipe it on stdin`;
}

/** Bytes to text: bounded, no NUL, valid UTF-8, one trailing newline stripped, not empty. */
export function decodeSecret(buf: Buffer, spec: SecretSpec, where: string): string {
  if (buf.length > MAX_SECRET_BYTES) {
    throw new B3iqError('E_BAD_INPUT', `The ${spec.label} from ${where} is larger than 64 KiB; refusing it.`, { hint: 'Pass only the secret itself.' });
  }
  if (buf.includes(0)) {
    throw new B3iqError('E_BAD_INPUT', `The ${spec.label} from ${where} contains NUL bytes (binary data?); refusing it.`, { hint: 'Pass the secret as text.' });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new B3iqError('E_BAD_INPUT', `The ${spec.label} from ${where} is not valid UTF-8; refusing it.`, { hint: 'Pass the secret as text.' });
  }
  if (text.endsWith('\r\n')) text = text.slice(0, -2);
  else if (text.endsWith('\n')) text = text.slice(0, -1);
  if (text.length === 0) {
    throw new B3iqError('E_NO_INPUT', `The ${spec.label} from ${where} is empty.`, { hint: `Pass it with ${ways(spec)}.` });
  }
  return text;
}

/**
 * Opens a user-named secret file once, non-blocking (a FIFO with no writer must not stall
 * the open), and reads it: a regular file at once; a FIFO, socket, terminal or other
 * device through a stream on the same descriptor, bounded by the stdin timeout (a second,
 * blocking open of a FIFO with no writer used to hang the process forever).
 */
async function readSecretPath(ctx: Context, path: string, spec: SecretSpec, via: string): Promise<Buffer> {
  const { fd, stat: st } = openUserFile(path, {
    cannotOpen: (code) =>
      new B3iqError('E_BAD_INPUT', `Cannot read the ${spec.label} file given by ${via} (${code}).`, { hint: 'Check the path and its permissions.' }),
    isDirectory: () => new B3iqError('E_BAD_INPUT', `The ${spec.label} file given by ${via} is a directory.`),
  });
  if (st.isFile()) {
    if ((st.mode & 0o077) !== 0) {
      ctx.out.warn(`the ${spec.label} file given by ${via} is readable by group or others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it.`);
    }
    return readBounded(fd);
  }
  const stream = streamOnFd(fd, st);
  try {
    return await readStreamBounded(stream, stdinTimeoutMs(ctx.env), spec, via);
  } finally {
    stream.destroy();
  }
}

/** A readable stream over an already-open non-blocking descriptor that is not a regular file. */
function streamOnFd(fd: number, st: fs.Stats): Readable {
  if (st.isFIFO() || st.isSocket()) return new net.Socket({ fd, readable: true, writable: false });
  if (tty.isatty(fd)) return new tty.ReadStream(fd);
  // Other devices (/dev/null, /dev/zero, /dev/urandom) answer at once: read them in chunks,
  // the 64 KiB bound stops an endless one.
  return fs.createReadStream('', { fd, highWaterMark: 16 * 1024 });
}

function readBounded(fd: number): Buffer {
  try {
    const buf = Buffer.alloc(MAX_SECRET_BYTES + 1);
    let n = 0;
    for (;;) {
      const r = fs.readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > MAX_SECRET_BYTES) break;
    }
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads at most 64 KiB + 1 from a stream, then stops; fails if nothing arrives in time. */
export async function readStreamBounded(stream: Readable, timeoutMs: number, spec: SecretSpec, where: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const timer = setTimeout(() => {
      if (total === 0)
        finish(
          new B3iqError('E_NO_INPUT', `No ${spec.label} arrived on ${where} within ${Math.round(timeoutMs / 1000)}s.`, { hint: `Pass it with ${ways(spec)}.` }),
        );
    }, timeoutMs);
    timer.unref();
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.pause();
      if (typeof (stream as { unref?: () => void }).unref === 'function') (stream as unknown as { unref: () => void }).unref();
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (c: Buffer | string) => {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      chunks.push(b);
      total += b.length;
      if (total > MAX_SECRET_BYTES) {
        stream.destroy();
        finish();
      }
    };
    const onEnd = () => finish();
    const onError = (e: Error) => {
      // A closed or invalid stdin is "no input", not a crash.
      if (['EBADF', 'EINVAL', 'ENOTCONN', 'EPIPE'].includes(errnoCode(e) ?? '') || total === 0) finish();
      else finish(new B3iqError('E_BAD_INPUT', `Cannot read ${where}.`));
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.resume();
  });
}

function stdinTimeoutMs(env: NodeJS.ProcessEnv): number {
  const v = Number(env.B3IQ_STDIN_TIMEOUT);
  if (Number.isFinite(v) && v > 0) return v * 1000;
  return env.CI ? 10_000 : 120_000;
}

async function fromStdin(ctx: Context, spec: SecretSpec, via: string): Promise<string> {
  if (ctx.stdinClaimed) {
    throw new B3iqError('E_USAGE', `stdin already carried another secret; pass the ${spec.label} another way.`, {
      hint: spec.noEnv ? `Use ${spec.fileFlag} PATH.` : `Use ${spec.fileFlag} PATH, ${spec.env}_FILE or ${spec.env}.`,
    });
  }
  ctx.stdinClaimed = true;
  const buf = await readStreamBounded(ctx.io.stdin, stdinTimeoutMs(ctx.env), spec, via);
  if (buf.length === 0) {
    throw new B3iqError('E_NO_INPUT', `No ${spec.label} given: ${via} was empty.`, { hint: `Pass it with ${ways(spec)}.` });
  }
  return decodeSecret(buf, spec, via);
}

async function fromPath(ctx: Context, path: string, spec: SecretSpec, via: string): Promise<string> {
  return decodeSecret(await readSecretPath(ctx, path, spec, via), spec, via);
}

async function prompt(ctx: Context, spec: SecretSpec, opts: ReadSecretOptions): Promise<string | undefined> {
  const stdin = ctx.io.stdin;
  let term: { input: Readable; output: NodeJS.WritableStream & import('node:stream').Writable; close?: () => void } | undefined;
  if (!ctx.stdinClaimed && stdin.isTTY) {
    term = { input: stdin, output: ctx.io.stderr };
  } else {
    const t = ctx.openTerminal();
    if (t) term = { input: t.input, output: t.output, close: () => t.close() };
  }
  if (!term) return undefined;
  try {
    const message = opts.promptMessage ?? `${spec.label[0]!.toUpperCase()}${spec.label.slice(1)}`;
    const ask = (m: string) => ctx.prompter.password({ message: m, input: term.input, output: term.output });
    const tries = opts.check ? PROMPT_TRIES : 1;
    let refusal: B3iqError | undefined;
    for (let attempt = 1; attempt <= tries; attempt++) {
      const first = await ask(attempt === 1 ? message : `${message} (try ${attempt} of ${tries})`);
      if (opts.check) {
        try {
          await opts.check(first);
        } catch (e) {
          if (!(e instanceof B3iqError) || e.exitCode !== ExitCode.usage) throw e;
          refusal = e;
          if (attempt < tries) term.output.write(`${e.facts?.reason ?? e.message}; try again.\n`);
          continue;
        }
      }
      if (opts.confirm) {
        const second = await ask(`${message} (again)`);
        if (first !== second) {
          refusal = new B3iqError('E_BAD_INPUT', 'The two entries do not match; nothing was changed.');
          if (attempt < tries) term.output.write('The two entries do not match; try again.\n');
          continue;
        }
      }
      return decodeSecret(Buffer.from(first, 'utf8'), spec, 'the prompt');
    }
    throw refusal!;
  } finally {
    term.close?.();
    if (term.input === stdin) stdin.pause();
  }
}

export async function readSecret(ctx: Context, spec: SecretSpec, opts: ReadSecretOptions = {}): Promise<Secret> {
  if (opts.file !== undefined) {
    if (opts.file === '-') {
      if (ctx.io.stdin.isTTY && !ctx.stdinClaimed) {
        const v = await prompt(ctx, spec, opts);
        if (v !== undefined) return { value: v, source: 'prompt' };
      }
      return { value: await fromStdin(ctx, spec, 'stdin'), source: 'stdin' };
    }
    return { value: await fromPath(ctx, opts.file, spec, spec.fileFlag), source: 'file' };
  }
  if (!opts.noEnv && !spec.noEnv) {
    const envFile = ctx.env[`${spec.env}_FILE`];
    if (envFile) return { value: await fromPath(ctx, envFile, spec, `${spec.env}_FILE`), source: 'env-file' };
    const envValue = ctx.env[spec.env];
    if (envValue !== undefined && envValue !== '') return { value: decodeSecret(Buffer.from(envValue, 'utf8'), spec, spec.env), source: 'env' };
  }
  if (!ctx.stdinClaimed && !ctx.io.stdin.isTTY) {
    return { value: await fromStdin(ctx, spec, 'stdin'), source: 'stdin' };
  }
  const v = await prompt(ctx, spec, opts);
  if (v !== undefined) return { value: v, source: 'prompt' };
  throw new B3iqError('E_NO_INPUT', `No ${spec.label} given, and no terminal to ask on.`, { hint: `Pass it with ${ways(spec, !ctx.stdinClaimed)}.` });
}
