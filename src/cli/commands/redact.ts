import { openUserFile } from '../../fs/user-file.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { B3iqError, errnoCode } from '../../core/errors.js';
import { argRef } from '../arg-echo.js';

export interface RedactOptions {
  files?: string[];
}

export function configure(cmd: Command): Command {
  return cmd.argument('[files...]', 'files to redact in turn (- or none: stdin)');
}

/** Opens every input before any output is written, so a typo fails cleanly (exit 2). */
function openInputs(ctx: Context, files: string[]): Array<{ name: string; open: () => Readable }> {
  return files.map((f) => {
    if (f === '-') return { name: 'stdin', open: () => ctx.io.stdin };
    const full = path.resolve(ctx.io.cwd, f);
    const { fd } = openUserFile(full, {
      // Not the name: a mistyped argument may be a pasted secret (arg-echo.ts).
      cannotOpen: (code) =>
        new B3iqError('E_BAD_INPUT', `The file named in ${argRef(ctx.argv, f)} cannot be read (${code}).`, { hint: 'Check the path and its permissions.' }),
      isDirectory: () =>
        new B3iqError('E_BAD_INPUT', `The path named in ${argRef(ctx.argv, f)} is a directory.`, {
          hint: 'Give files; for whole folders use b3iq support bundle --logs DIR.',
        }),
    });
    return { name: f, open: () => fs.createReadStream('', { fd, highWaterMark: 64 * 1024 }) };
  });
}

export function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return 'nothing redacted';
  return `redacted ${total}: ${entries.map(([k, n]) => `${k} ${n}`).join(', ')}`;
}

export async function run(opts: RedactOptions, ctx: Context): Promise<void> {
  const files = opts.files && opts.files.length > 0 ? opts.files : ['-'];
  if (files.filter((f) => f === '-').length > 1) throw new B3iqError('E_USAGE', 'stdin (-) can be read only once.');
  const inputs = openInputs(ctx, files);
  const { createRedactStream, Pseudonymizer } = await import('../../redact/index.js');
  const { pipeline } = await import('node:stream/promises');
  // One Pseudonymizer per run: the same IP or path gets the same pseudonym in every file.
  const pseudonymizer = new Pseudonymizer();
  const total: Record<string, number> = {};
  // The files in turn, as one stream: one pipeline into stdout for the whole run (one per
  // file left listeners on stdout, and an eleventh file drew a MaxListeners warning).
  async function* redacted(): AsyncGenerator<Buffer | string> {
    for (const input of inputs) {
      const rs = createRedactStream({ pseudonymizer, configHome: ctx.home });
      const fed = pipeline(input.open(), rs); // reading rs below drives it
      fed.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      try {
        for await (const chunk of rs) yield chunk as Buffer | string;
        await fed;
      } catch (e) {
        if (e instanceof B3iqError) throw e;
        throw new B3iqError('E_IO', `Cannot read ${input.name} (${errnoCode(e) ?? 'error'}).`);
      }
      for (const [k, n] of Object.entries(rs.counts)) total[k] = (total[k] ?? 0) + n;
    }
  }
  try {
    await pipeline(Readable.from(redacted()), ctx.io.stdout, { end: false });
  } catch (e) {
    // The reader went away (| head): stop quietly, as cat does.
    if (errnoCode(e) === 'EPIPE' || errnoCode(e) === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw e;
  }
  if (ctx.out.json) {
    // stdout is the redacted text itself; the summary document goes to stderr.
    if (!ctx.out.quiet) ctx.out.stderrFact('redactions', total);
  } else {
    ctx.out.info(formatCounts(total));
  }
}
