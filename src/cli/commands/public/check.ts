import { openUserFile } from '../../../fs/user-file.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { argRef } from '../../arg-echo.js';
import type { Context } from '../../context.js';
import { B3iqError, ExitCode, type ExitCodeValue } from '../../../core/errors.js';

export interface PublicCheckOptions {
  file?: string;
}

/** Public payloads are small documents; anything bigger is refused rather than buffered. */
export const MAX_PUBLIC_BYTES = 16 * 1024 * 1024;

export function configure(cmd: Command): Command {
  return cmd.argument('[file]', 'the JSON document (- or none: stdin)');
}

function tooBig(): B3iqError {
  return new B3iqError('E_BAD_INPUT', `The payload is larger than ${MAX_PUBLIC_BYTES / 1024 / 1024} MiB; refusing to check it.`, {
    hint: 'Public payloads are small documents; check them one at a time.',
  });
}

async function readInput(ctx: Context, file: string | undefined): Promise<Buffer> {
  if (file !== undefined && file !== '-') {
    const full = path.resolve(ctx.io.cwd, file);
    const { fd, stat: st } = openUserFile(full, {
      cannotOpen: (code) =>
        new B3iqError('E_BAD_INPUT', `The file named in ${argRef(ctx.argv, file)} cannot be read (${code}).`, { hint: 'Check the path and its permissions.' }),
      isDirectory: () => new B3iqError('E_BAD_INPUT', `The path named in ${argRef(ctx.argv, file)} is a directory.`),
    });
    try {
      if (st.isFile()) {
        if (st.size > MAX_PUBLIC_BYTES) throw tooBig();
        return fs.readFileSync(fd);
      }
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
    return readBounded(fs.createReadStream('', { fd }));
  }
  const stdin = ctx.io.stdin;
  if (stdin.isTTY) {
    throw new B3iqError('E_NO_INPUT', 'No payload: give a FILE, or pipe the JSON document on stdin.', {
      hint: 'b3iq public check payload.json  |  curl … | b3iq public check -',
    });
  }
  return readBounded(stdin);
}

async function readBounded(stream: NodeJS.ReadableStream & { destroy?: () => void }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += b.length;
      if (size > MAX_PUBLIC_BYTES) throw tooBig();
      chunks.push(b);
    }
  } finally {
    stream.destroy?.();
  }
  return Buffer.concat(chunks);
}

export async function run(opts: PublicCheckOptions, ctx: Context): Promise<ExitCodeValue> {
  const data = await readInput(ctx, opts.file);
  const { parsePublicPayload, checkPublicPayload } = await import('../../../public/boundary.js');
  const value = parsePublicPayload(data);
  const result = checkPublicPayload(value);
  ctx.out.data(result, () => (result.ok ? undefined : result.violations.map((v) => `${v.path}  ${v.category}  ${v.message}`).join('\n')));
  if (result.ok) {
    ctx.out.success('No public-boundary violations.');
    return ExitCode.ok;
  }
  ctx.out.info(`${result.violations.length} public-boundary violation${result.violations.length === 1 ? '' : 's'}.`);
  return ExitCode.negative;
}
