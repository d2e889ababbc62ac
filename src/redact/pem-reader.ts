/**
 * The PEM block being read, line by line, for the engine (pem.ts has the shapes). Most blocks
 * are one marker in the BEGIN line's place and swallow their body. Private keys and PGP
 * messages are held back a few lines first: a private key block whose body holds no key
 * material is a template and goes out as written; a PGP message encrypted to a key is
 * ciphertext and goes out as written. Whatever turns out to be a key gives exactly the output
 * it gave when it was marked at once.
 */
import { pemCategory } from './patterns.js';
import { type HeldPem, type PemState, endsAsTemplate, isHeldLabel, pemBodyLine, pgpMessageKind, stillATemplate } from './pem.js';

export interface PemHost {
  mark(cat: string): string;
  redactText(text: string): string;
  processLine(line: string): string | null;
  /** The block is over: the engine leaves PEM state (before any rest of the line is processed). */
  endPem(): void;
}

export class PemReader {
  private hold: HeldPem | null = null;
  /** The last held BEGIN line's output as a key's (the engine's end() gives it back its line break). */
  releasedHead: string | null = null;

  constructor(
    readonly st: PemState,
    private readonly host: PemHost,
    private readonly maxLines: number,
  ) {}

  /** The BEGIN line's output (`head` is its redacted text before `-----BEGIN`); null while held. */
  begin(head: string, begin: string, label: string): string | null {
    if (!isHeldLabel(label)) return head + this.host.mark(pemCategory(label));
    this.hold = { head, begin, label, body: [] };
    return null;
  }

  holding(): boolean {
    return this.hold !== null;
  }

  /** A line inside the block: its output (null: swallowed); undefined when the block ended before it. */
  next(line: string): string | null | undefined {
    const st = this.st;
    const ei = line.indexOf('-----END ');
    if (st.clear) return this.clearLine(line, ei);
    if (ei >= 0) {
      this.host.endPem();
      const close = line.indexOf('-----', ei + 9);
      const frameEnd = close >= 0 ? close + 5 : line.length;
      const rest = line.slice(frameEnd);
      const hold = this.hold;
      if (hold !== null && endsAsTemplate(hold, line.slice(0, ei))) {
        // a template (`-----BEGIN PRIVATE KEY-----`, `anything`, `-----END …`): as written
        this.hold = null;
        const body = hold.body.map((l) => this.host.redactText(l));
        const tail = rest.trim() === '' ? rest : (this.host.processLine(rest) ?? '');
        return [hold.head + hold.begin, ...body, line.slice(0, frameEnd) + tail].join('\n');
      }
      const head = this.release();
      const after = rest.trim() === '' ? null : this.host.processLine(rest);
      if (head === null) return after;
      return after === null ? head : head + '\n' + after;
    }
    if (++st.lines < this.maxLines && pemBodyLine(st, line)) {
      const hold = this.hold;
      if (hold !== null && hold.label === 'PGP MESSAGE') return this.messageLine(hold, line);
      // key material (or too long a body for a template): the marker in the BEGIN line's place
      return hold === null || stillATemplate(hold, line) ? null : this.release();
    }
    this.host.endPem();
    return undefined;
  }

  /** The held BEGIN line's output as a key's (its marker), or null when nothing is held. */
  release(): string | null {
    const hold = this.hold;
    if (hold === null) return null;
    this.hold = null;
    this.releasedHead = hold.head + this.host.mark(pemCategory(hold.label));
    return this.releasedHead;
  }

  /** A body line of a held PGP message: an encrypted one goes out as written, any other is marked. */
  private messageLine(hold: HeldPem, line: string): string | null {
    hold.body.push(line);
    const kind = pgpMessageKind(hold);
    if (kind === null && hold.body.length <= 4) return null; // blank and armor headers so far
    if (kind !== 'encrypted') return this.release();
    this.hold = null;
    this.st.clear = true;
    return [hold.head + hold.begin, ...hold.body].join('\n');
  }

  /** An encrypted PGP message's line: ciphertext as written, up to its END line. */
  private clearLine(line: string, ei: number): string | null | undefined {
    if (ei < 0 && ++this.st.lines < this.maxLines && pemBodyLine(this.st, line)) return line;
    this.host.endPem();
    if (ei < 0) return undefined;
    const close = line.indexOf('-----', ei + 9);
    const rest = close >= 0 ? line.slice(close + 5) : '';
    return rest.trim() === '' ? line : line.slice(0, close + 5) + (this.host.processLine(rest) ?? '');
  }
}
