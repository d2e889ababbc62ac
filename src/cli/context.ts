import * as fs from 'node:fs';
import * as tty from 'node:tty';
import { Writable as StreamWritable, type Readable, type Writable } from 'node:stream';
import { cryptoRandom, type RandomSource } from '../core/tokens.js';
import { B3iqError } from '../core/errors.js';
import { Output, useColor } from './output.js';
import type { Store, Clock } from '../credentials/store.js';
import type { Keychain } from '../keychain/keychain.js';

/**
 * What every command receives. This is the only module that touches process.std*; tests
 * build a Context with their own streams, clock, random source and prompter.
 */
export type InStream = Readable & { isTTY?: boolean; fd?: number };
export type OutStreamT = Writable & { isTTY?: boolean };

export interface IO {
  stdin: InStream;
  stdout: OutStreamT;
  stderr: OutStreamT;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface PasswordPrompt {
  message: string;
  input: Readable;
  output: Writable;
}

export interface Prompter {
  password(p: PasswordPrompt): Promise<string>;
  /** A yes/no question (default no); test prompters may leave it out. */
  confirm?(p: PasswordPrompt): Promise<boolean>;
}

/** The controlling terminal, for prompting when stdin carries something else. */
export interface Terminal {
  input: Readable;
  output: Writable;
  close(): void;
}

export interface GlobalOptions {
  home?: string;
  json?: boolean;
  color?: boolean;
  quiet?: boolean;
}

export interface Context {
  readonly io: IO;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly home: string;
  readonly out: Output;
  readonly debug: boolean;
  /** The command line as given (after `b3iq`), so messages can name an argument by position. */
  readonly argv: readonly string[];
  readonly prompter: Prompter;
  /** True once a secret has been read from stdin: the next one must come from elsewhere. */
  stdinClaimed: boolean;
  openTerminal(): Terminal | undefined;
  store(): Promise<Store>;
  keychain(): Promise<Keychain>;
}

/**
 * Inquirer ends its output stream when a prompt is done, which would close a /dev/tty
 * stream that the next prompt (a password asked twice) still needs: hand it a proxy whose
 * end() leaves the terminal open.
 */
function keepOpen(output: Writable): Writable {
  const tty = output as Writable & { isTTY?: boolean; columns?: number; rows?: number };
  const proxy = new PassThroughWriter((chunk, cb) => tty.write(chunk, cb));
  return Object.assign(proxy, { isTTY: tty.isTTY, columns: tty.columns, rows: tty.rows });
}

class PassThroughWriter extends StreamWritable {
  constructor(private readonly forward: (chunk: Buffer | string, cb: (err?: Error | null) => void) => void) {
    super({ decodeStrings: false });
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.forward(chunk, cb);
  }
}

/** The real prompter: a line read from the terminal with nothing shown (hidden-input.ts). */
export const terminalPrompter: Prompter = {
  async password({ message, input, output }) {
    const { readHiddenLine } = await import('./hidden-input.js');
    return readHiddenLine(message, input, output);
  },
  async confirm({ message, input, output }) {
    const { confirm } = await import('@inquirer/prompts');
    try {
      return await confirm({ message, default: false }, { input, output: keepOpen(output), clearPromptOnDone: false });
    } catch (e) {
      if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError')) {
        throw new B3iqError('E_INTERRUPTED', 'Interrupted.');
      }
      throw e;
    }
  },
};

export function openDevTty(): Terminal | undefined {
  let inFd: number | undefined;
  let outFd: number | undefined;
  try {
    inFd = fs.openSync('/dev/tty', 'r');
    outFd = fs.openSync('/dev/tty', 'w');
    const input = new tty.ReadStream(inFd);
    const output = new tty.WriteStream(outFd);
    return {
      input,
      output,
      close() {
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    if (inFd !== undefined) fs.closeSync(inFd);
    if (outFd !== undefined) fs.closeSync(outFd);
    return undefined;
  }
}

export interface ContextInit {
  io: IO;
  home: string;
  globals: GlobalOptions;
  argv?: readonly string[];
  clock?: Clock;
  random?: RandomSource;
  prompter?: Prompter;
  openTerminal?: () => Terminal | undefined;
  keychain?: () => Promise<Keychain>;
}

export function createContext(init: ContextInit): Context {
  const { io, globals } = init;
  const json = globals.json === true;
  const quiet = globals.quiet === true;
  const color = useColor(io.stderr, io.env, globals.color === false);
  const clock = init.clock ?? Date.now;
  const random = init.random ?? cryptoRandom;
  let storeP: Promise<Store> | undefined;
  let keychainP: Promise<Keychain> | undefined;
  const ctx: Context = {
    io,
    env: io.env,
    clock,
    random,
    home: init.home,
    out: new Output(io.stdout, io.stderr, json, quiet, color),
    debug: io.env.B3IQ_DEBUG === '1',
    argv: init.argv ?? [],
    prompter: init.prompter ?? terminalPrompter,
    stdinClaimed: false,
    openTerminal: init.openTerminal ?? openDevTty,
    store() {
      storeP ??= import('../credentials/store.js').then((m) => m.openStore({ home: init.home, clock, random, live: false }));
      return storeP;
    },
    keychain() {
      keychainP ??= init.keychain
        ? init.keychain()
        : import('../keychain/keychain.js').then((m) => m.openKeychain({ home: init.home, env: io.env, warn: (msg) => ctx.out.warn(msg) }));
      return keychainP;
    },
  };
  return ctx;
}

export { processIO } from './process-io.js';
