import type { FileHandle } from 'node:fs/promises';

const NL = 0x0a;

/** One line of a file, without its newline; `ended`: a newline followed it (else the file ended). */
export interface Line {
  text: string;
  ended: boolean;
}

/**
 * Reads a file a line at a time through one fixed buffer: a 100 MB file costs the buffer
 * and the line being decoded, never a copy of the whole file (which would sit in external
 * memory until a GC noticed it). Lines are decoded whole, so a UTF-8 character split
 * across two reads is never cut.
 */
export class LineReader {
  private readonly chunk: Buffer;
  private start = 0;
  private end = 0;
  private pos = 0;
  private eof = false;
  private carry: Buffer[] = [];

  constructor(
    private readonly fh: FileHandle,
    chunkBytes = 256 * 1024,
  ) {
    this.chunk = Buffer.allocUnsafe(chunkBytes);
  }

  /** The next line; undefined at the end of the file. */
  async next(): Promise<Line | undefined> {
    for (;;) {
      const nl = this.start < this.end ? this.chunk.indexOf(NL, this.start) : -1;
      if (nl >= 0 && nl < this.end) {
        const text = this.take(nl);
        this.start = nl + 1;
        return { text, ended: true };
      }
      // The buffer is reused for the next read: a line's start is copied out.
      if (this.start < this.end) this.carry.push(Buffer.from(this.chunk.subarray(this.start, this.end)));
      this.start = this.end = 0;
      if (this.eof) {
        if (this.carry.length === 0) return undefined;
        const text = Buffer.concat(this.carry).toString('utf8');
        this.carry = [];
        return { text, ended: false };
      }
      const { bytesRead } = await this.fh.read(this.chunk, 0, this.chunk.length, this.pos);
      this.pos += bytesRead;
      this.end = bytesRead;
      if (bytesRead === 0) this.eof = true;
    }
  }

  private take(nl: number): string {
    if (this.carry.length === 0) return this.chunk.toString('utf8', this.start, nl);
    const text = Buffer.concat([...this.carry, this.chunk.subarray(this.start, nl)]).toString('utf8');
    this.carry = [];
    return text;
  }
}
