// The in-process harness: runs `main(argv, { io, context })` from dist/ with in-memory
// stdin/stdout/stderr, its own environment and working folder, an injectable clock and
// random source, and a terminal flag. Same call shape as test/helpers/cli.js's spawning
// `run`, so a test moves between the two by its import line.
//
// What a run shares with the test process, and why that is safe: main() reads the
// environment, the working folder and the streams only through `io` (src/cli/context.ts),
// never process.env/cwd/std*; it returns its exit code instead of setting
// process.exitCode; the terminal is never opened (openTerminal answers "none", as under
// CI) unless a test hands one in. What needs the process itself (pipes and FIFOs, a real
// TTY, signals, umask, the binary's start) stays in the spawning tests.
import { PassThrough, Readable, Writable } from 'node:stream';
import { main } from '../../dist/cli/main.js';
import { ROOT, baseEnv, tempHome } from '../helpers/cli.js';

export { ROOT, BIN, baseEnv, tempDir, tempHome, readTree } from '../helpers/cli.js';

/**
 * @typedef {object} RunOptions
 * @property {string} [home] B3IQ_HOME for the run.
 * @property {Record<string, string | undefined>} [env] Extra environment (over baseEnv).
 * @property {string | Buffer | Buffer[]} [input] What stdin carries, then end of input;
 *   absent, stdin is empty (as /dev/null).
 * @property {'pipe'} [stdin] 'pipe' without input: a stdin that stays open and never
 *   delivers (as test/helpers/cli.js's open pipe).
 * @property {string} [cwd] The run's working folder (default: the repository root).
 * @property {boolean} [tty] stdin, stdout and stderr all claim to be a terminal.
 * @property {boolean} [stdoutTTY] Only stdout claims to be a terminal.
 * @property {() => number} [clock] Milliseconds since the epoch, for the run's context.
 * @property {(n: number) => Buffer} [random] The run's random source.
 * @property {string[]} [answers] Scripted answers for password prompts, in order.
 * @property {number} [timeout] Fails the test when the run takes longer (default 20 s).
 */

/**
 * @typedef {object} RunResult
 * @property {number} code
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} ms
 * @property {string[]} prompts The messages of the password prompts asked, in order.
 */

/** A writable that keeps what it is given; `isTTY` as asked. */
class Sink extends Writable {
  /** @param {boolean} isTTY */
  constructor(isTTY) {
    super({ decodeStrings: true });
    /** @type {Buffer[]} */
    this.chunks = [];
    this.isTTY = isTTY;
    this.columns = 80;
  }
  /**
   * @param {Buffer} chunk
   * @param {BufferEncoding} _enc
   * @param {(err?: Error | null) => void} cb
   */
  _write(chunk, _enc, cb) {
    this.chunks.push(chunk);
    cb();
  }
  text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * stdin: the given bytes then end of input, like a pipe whose writer has finished.
 * @param {RunOptions['input']} input
 * @param {boolean} isTTY
 * @param {boolean} [open]
 */
function stdinOf(input, isTTY, open = false) {
  if (open && input === undefined) return Object.assign(new PassThrough(), { isTTY });
  /** @type {Buffer[]} */
  const parts = input === undefined ? [] : Array.isArray(input) ? input : [Buffer.from(input)];
  const stream = Readable.from(parts, { objectMode: false });
  return Object.assign(stream, { isTTY });
}

/**
 * A prompter that answers from a script and records what was asked; with no answer left
 * it fails the way an interrupted prompt does.
 * @param {string[]} answers
 * @param {string[]} asked
 */
function scriptedPrompter(answers, asked) {
  const queue = [...answers];
  return {
    /** @param {{ message: string, output: NodeJS.WritableStream }} p */
    async password({ message, output }) {
      asked.push(message);
      const a = queue.shift();
      // What inquirer leaves on the terminal: the question and a mask, never the answer.
      output.write(`? ${message} ${a === undefined ? '' : '*'.repeat(a.length)}\n`);
      if (a === undefined) {
        const { B3iqError } = await import('../../dist/core/errors.js');
        throw new B3iqError('E_INTERRUPTED', 'Interrupted.');
      }
      return a;
    },
  };
}

/**
 * Runs b3iq in this process. Resolves { code, stdout, stderr, ms, prompts }.
 * @param {string[]} args
 * @param {RunOptions} [opts]
 * @returns {Promise<RunResult>}
 */
export async function run(args, opts = {}) {
  const { home, env = {}, input, cwd, tty = false, stdoutTTY = tty, clock, random, answers = [], timeout = 20_000, stdin } = opts;
  const started = Date.now();
  const stdout = new Sink(stdoutTTY);
  const stderr = new Sink(tty);
  /** @type {string[]} */
  const prompts = [];
  const io = { stdin: stdinOf(input, tty, stdin === 'pipe'), stdout, stderr, env: /** @type {NodeJS.ProcessEnv} */ (baseEnv(home, env)), cwd: cwd ?? ROOT };
  /** @type {import('../../dist/cli/main.js').MainOptions['context']} */
  const context = { prompter: scriptedPrompter(answers, prompts), openTerminal: () => undefined };
  if (clock) context.clock = clock;
  if (random) context.random = random;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const overdue = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`b3iq ${args.join(' ')} (in process) took over ${timeout} ms\nstderr: ${stderr.text()}`)), timeout);
  });
  try {
    const code = await Promise.race([main([...args], { io, context }), overdue]);
    return { code: Number(code), stdout: stdout.text(), stderr: stderr.text(), ms: Date.now() - started, prompts };
  } finally {
    clearTimeout(timer);
    io.stdin.destroy();
  }
}

/**
 * run() that asserts the exit code and returns the result.
 * @param {string[]} args
 * @param {RunOptions} [opts]
 * @param {number} [expected]
 */
export async function ok(args, opts = {}, expected = 0) {
  const r = await run(args, opts);
  if (r.code !== expected) throw new Error(`b3iq ${args.join(' ')} exited ${r.code}, expected ${expected}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

/** @param {import('node:test').TestContext} [t] */
export async function initHome(t) {
  const home = tempHome(t);
  await ok(['init'], { home });
  return home;
}

/**
 * Issues a local key and returns { id, token, doc } (token via --out - --json).
 * @param {string} home
 * @param {string[]} [extra]
 * @param {string} [name]
 */
export async function issueKey(home, extra = [], name = 'test') {
  const r = await ok(['keys', 'create', '--name', name, '--out', '-', '--json', ...extra], { home });
  const doc = JSON.parse(r.stdout);
  return { id: /** @type {string} */ (doc.id), token: /** @type {string} */ (doc.token), doc };
}

/**
 * A clock the test moves by hand.
 * @param {number} [start]
 */
export function manualClock(start = Date.now()) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, {
    /** @param {number} ms */
    advance(ms) {
      now += ms;
    },
    /** @param {number} ms */
    set(ms) {
      now = ms;
    },
  });
}
