import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { MAX_LINE, RedactEngine, type RedactCounts, type RedactOptions } from './engine.js';

/** Lines per batch of the prefilter's sweeps (bounds the flag rows' memory). */
const BATCH = 4096;
const CR = 13;

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
  /** A batch's lines: start and end of each one's text (before any '\r'), relative to the batch, and its '\n' in the chunk. */
  private readonly starts = new Int32Array(BATCH);
  private readonly ends = new Int32Array(BATCH);
  private readonly breaks = new Int32Array(BATCH);

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
      // the line the last chunk left incomplete, completed on its own: the batches then read the
      // decoded chunk itself, a flat string (a slice or a concatenation of it costs the scan
      // loop an indirection per character)
      let data = s;
      let start = 0;
      if (this.pending !== '') {
        const first = s.indexOf('\n');
        if (first < 0) data = this.pending + s;
        else {
          const raw = this.pending + s.slice(0, first);
          const r = this.engine.line(raw);
          if (r !== null) out.push(r, '\n');
          start = first + 1;
        }
      }
      // data[0, kept) is in `out` already: a run of unchanged lines goes out as one slice,
      // so a clean line costs no concatenation and no array entry of its own
      let kept = start;
      let nl = data === s ? data.indexOf('\n', start) : -1;
      const { starts, ends, breaks } = this;
      while (nl >= 0) {
        // a batch of complete lines: the prefilter's needs are swept once over all of them
        let n = 0;
        while (nl >= 0 && n < BATCH) {
          starts[n] = start;
          ends[n] = nl > start && data.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
          breaks[n++] = nl;
          start = nl + 1;
          nl = data.indexOf('\n', start);
        }
        const batched = this.engine.markBatch(data, starts, ends, n);
        let ls = starts[0] as number;
        for (let k = 0; k < n; k++) {
          const br = breaks[k] as number;
          const raw = data.slice(ls, br);
          const r = batched ? this.engine.lineInBatch(raw, k, (ends[k] as number) - ls) : this.engine.line(raw);
          if (r !== raw) {
            if (ls > kept) out.push(data.slice(kept, ls));
            if (r !== null) out.push(r, '\n');
            kept = br + 1;
          }
          ls = br + 1;
        }
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
