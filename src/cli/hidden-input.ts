import type { Readable, Writable } from 'node:stream';
import { B3iqError } from '../core/errors.js';

/**
 * Reads one line from a terminal showing nothing at all, as sudo and passwd do: no echo, no
 * mask character (a `*` per key would show the length), the cursor does not move. Raw mode
 * for the duration only; Enter ends the line, Backspace and Ctrl-U edit it, Ctrl-C (or
 * Ctrl-D on an empty line) interrupts, and inEscape sequences (arrow keys) are ignored.
 */
type TtyIn = Readable & { isTTY?: boolean; isRaw?: boolean; setRawMode?: (raw: boolean) => unknown };

const MAX_BYTES = 64 * 1024;

export function readHiddenLine(message: string, input: Readable, output: Writable): Promise<string> {
  const ttyIn = input as TtyIn;
  return new Promise<string>((resolve, reject) => {
    const bytes: number[] = [];
    let inEscape: 'none' | 'start' | 'csi' = 'none';
    const wasRaw = ttyIn.isRaw === true;
    const finish = (err: Error | undefined) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onError);
      if (ttyIn.setRawMode) ttyIn.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(Buffer.from(bytes).toString('utf8'));
    };
    const interrupted = () => finish(new B3iqError('E_INTERRUPTED', 'Interrupted.'));
    const onData = (chunk: Buffer | string) => {
      for (const b of typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk) {
        if (inEscape !== 'none') {
          // ESC [ … final byte (0x40-0x7e), or ESC + one byte: skip the whole sequence.
          if (inEscape === 'start' && b === 0x5b) inEscape = 'csi';
          else if (inEscape === 'start' || (b >= 0x40 && b <= 0x7e)) inEscape = 'none';
          continue;
        }
        if (b === 0x0d || b === 0x0a) return finish(undefined);
        if (b === 0x03) return interrupted();
        if (b === 0x04) {
          if (bytes.length === 0) return interrupted();
          return finish(undefined);
        }
        if (b === 0x1b) inEscape = 'start';
        else if (b === 0x7f || b === 0x08) dropLastChar(bytes);
        else if (b === 0x15) bytes.length = 0;
        else if (bytes.length < MAX_BYTES) bytes.push(b);
      }
    };
    const onEnd = () => (bytes.length === 0 ? interrupted() : finish(undefined));
    const onError = (e: Error) => finish(e);
    output.write(`${message}: `);
    if (ttyIn.setRawMode) ttyIn.setRawMode(true);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    input.resume();
  });
}

/** Backspace removes one character: a UTF-8 lead byte and its continuation bytes. */
function dropLastChar(bytes: number[]): void {
  while (bytes.length > 0 && (bytes[bytes.length - 1]! & 0xc0) === 0x80) bytes.pop();
  bytes.pop();
}
