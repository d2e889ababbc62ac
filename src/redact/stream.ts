import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { MAX_LINE, RedactEngine, type RedactCounts, type RedactOptions } from './engine.js';

/**
 * A Transform that redacts a byte stream (UTF-8) line by line. Memory stays bounded:
 * only the current incomplete line is buffered, and a line longer than MAX_LINE is
 * redacted up to the cap and the rest of it dropped (see RedactEngine.overlongHead).
 * Output is byte-for-byte what `redact()` returns for the whole input, however the input
 * is chunked.
 */
export class RedactStream extends Transform {
  /** Redactions by category so far; final after 'finish'/'end'. */
  readonly counts: RedactCounts;
  readonly engine: RedactEngine;
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private discarding = false;

  constructor(opts: RedactOptions = {}) {
    super({ decodeStrings: true });
    this.engine = new RedactEngine(opts);
    this.counts = this.engine.counts;
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      let s = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
      const out: string[] = [];
      if (this.discarding) {
        const nl = s.indexOf('\n');
        if (nl < 0) return cb();
        this.discarding = false;
        out.push('\n');
        s = s.slice(nl + 1);
      }
      const searchFrom = this.pending.length;
      const data = this.pending + s;
      let start = 0;
      // data[0, kept) is in `out` already: a run of unchanged lines goes out as one slice,
      // so a clean line costs no concatenation and no array entry of its own
      let kept = 0;
      let nl = data.indexOf('\n', searchFrom);
      while (nl >= 0) {
        const raw = data.slice(start, nl);
        const r = this.engine.line(raw);
        if (r !== raw) {
          if (start > kept) out.push(data.slice(kept, start));
          if (r !== null) out.push(r, '\n');
          kept = nl + 1;
        }
        start = nl + 1;
        nl = data.indexOf('\n', start);
      }
      if (start > kept) out.push(data.slice(kept, start));
      let tail = start === 0 ? data : data.slice(start);
      if (tail.length > MAX_LINE) {
        out.push(this.engine.overlongHead(tail.slice(0, MAX_LINE)));
        this.discarding = true;
        tail = '';
      }
      this.pending = tail;
      if (out.length > 0) this.push(out.join(''));
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      const rest = this.decoder.end();
      if (rest) {
        // bytes of an incomplete UTF-8 sequence at the very end
        this._transform(rest, 'utf8', () => undefined);
      }
      if (!this.discarding) {
        const r = this.engine.end(this.pending);
        if (r !== null && r !== '') this.push(r);
      }
      this.pending = '';
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }
}

export function createRedactStream(opts: RedactOptions = {}): RedactStream {
  return new RedactStream(opts);
}
