// readSecret through an injected context: fake streams, terminal and prompter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { createContext } from '../../dist/cli/context.js';
import { readSecret, SECRETS, decodeSecret } from '../../dist/cli/secret-input.js';

/** @param {{ stdinText?: string, stdinTTY?: boolean, terminal?: boolean, answers?: string[], env?: Record<string, string> }} [opts] */
function ctxWith({ stdinText, stdinTTY = false, terminal = true, answers = [], env = {} } = {}) {
  /** @type {any} */
  const stdin = stdinText === undefined ? new PassThrough() : Readable.from([Buffer.from(stdinText)]);
  if (stdinText === undefined) stdin.end();
  stdin.isTTY = stdinTTY;
  const prompts = [];
  const opened = [];
  const ctx = createContext({
    io: { stdin, stdout: new PassThrough(), stderr: new PassThrough(), env, cwd: '/' },
    home: '/nonexistent',
    globals: {},
    prompter: {
      async password({ message, input }) {
        prompts.push({ message, fromTerminal: input !== stdin });
        return answers.shift() ?? '';
      },
    },
    openTerminal: () => {
      if (!terminal) return undefined;
      const t = { input: new PassThrough(), output: new PassThrough(), close() {} };
      opened.push(t);
      return t;
    },
  });
  return { ctx, prompts, opened };
}

test('stdin first; a second secret then prompts on /dev/tty, not stdin', async () => {
  const { ctx, prompts, opened } = ctxWith({ stdinText: 'the-token\n', answers: ['pw-123456789', 'pw-123456789'] });
  const a = await readSecret(ctx, SECRETS.setupToken);
  assert.deepEqual(a, { value: 'the-token', source: 'stdin' });
  const b = await readSecret(ctx, SECRETS.ownerPassword, { confirm: true });
  assert.deepEqual(b, { value: 'pw-123456789', source: 'prompt' });
  assert.equal(opened.length, 1);
  assert.equal(prompts.length, 2);
  assert.ok(prompts.every((p) => p.fromTerminal));
});

test('confirm: two different entries are refused', async () => {
  const { ctx } = ctxWith({ stdinTTY: true, answers: ['one-password', 'another-one'] });
  await assert.rejects(readSecret(ctx, SECRETS.ownerPassword, { confirm: true }), { code: 'E_BAD_INPUT' });
});

test('stdin claimed and no terminal: E_NO_INPUT naming the ways', async () => {
  const { ctx } = ctxWith({ stdinText: 'x\n', terminal: false });
  await readSecret(ctx, SECRETS.setupToken);
  await assert.rejects(readSecret(ctx, SECRETS.ownerPassword), (/** @type {any} */ e) => e.code === 'E_NO_INPUT' && /--password-file/.test(e.hint));
});

test('environment value and noEnv', async () => {
  const { ctx } = ctxWith({ env: { B3IQ_OWNER_PASSWORD: 'from-env' }, stdinText: 'from-stdin\n' });
  assert.equal((await readSecret(ctx, SECRETS.ownerPassword)).source, 'env');
  assert.equal((await readSecret(ctx, SECRETS.ownerPassword, { noEnv: true })).value, 'from-stdin');
});

test('decodeSecret: the byte rules', () => {
  const spec = SECRETS.localKey;
  assert.equal(decodeSecret(Buffer.from('abc\n'), spec, 'x'), 'abc');
  assert.equal(decodeSecret(Buffer.from('abc\r\n'), spec, 'x'), 'abc');
  assert.equal(decodeSecret(Buffer.from(' abc \n\n'), spec, 'x'), ' abc \n');
  assert.throws(() => decodeSecret(Buffer.from(''), spec, 'x'), { code: 'E_NO_INPUT' });
  assert.throws(() => decodeSecret(Buffer.from('a\0b'), spec, 'x'), { code: 'E_BAD_INPUT' });
  assert.throws(() => decodeSecret(Buffer.from([0xc3, 0x28]), spec, 'x'), { code: 'E_BAD_INPUT' });
  assert.throws(() => decodeSecret(Buffer.alloc(64 * 1024 + 1, 0x61), spec, 'x'), { code: 'E_BAD_INPUT' });
});
