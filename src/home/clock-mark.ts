import { readFileNoFollow, writeFileAtomic } from '../fs/files.js';
import { homeFile } from './paths.js';

/**
 * The clock mark (`clock.json`): the latest time any b3iq process of this home has seen,
 * so that expiry judged on max(clock, mark) never goes back when the system clock does.
 * Written without the lock (atomically; a lost race costs at most one interval), at most
 * once per interval, and whenever a decision crossed a credential's end beyond it. A
 * missing or unreadable mark counts as 0 (doctor reports an unreadable one).
 */
export const CLOCK_MARK_SCHEMA_VERSION = 1;

export function readClockMark(home: string): { ms: number; problem?: string } {
  let raw;
  try {
    raw = readFileNoFollow(homeFile(home, 'clock'));
  } catch {
    return { ms: 0, problem: 'cannot be read safely' };
  }
  if (!raw) return { ms: 0 };
  try {
    const doc = JSON.parse(raw.data.toString('utf8')) as { schemaVersion?: unknown; mark?: unknown };
    const ms = typeof doc.mark === 'string' ? Date.parse(doc.mark) : NaN;
    if (doc.schemaVersion !== CLOCK_MARK_SCHEMA_VERSION || !Number.isFinite(ms)) return { ms: 0, problem: 'is malformed' };
    return { ms };
  } catch {
    return { ms: 0, problem: 'is not valid JSON' };
  }
}

export class ClockMark {
  private persisted: number;
  /** A time due to be written by flush() (deferred marks only). */
  private pending = 0;

  /**
   * `everyMs`: the least time between two writes of the mark by this process. `deferred`:
   * the periodic write waits for flush() (a long-lived store flushes from its poll timer,
   * so the verify hot path never writes a file).
   */
  constructor(
    private readonly home: string,
    private readonly everyMs: number,
    private readonly deferred = false,
  ) {
    this.persisted = readClockMark(home).ms;
  }

  /** The mark as this process last read or wrote it. */
  get value(): number {
    return this.persisted;
  }

  /** Called with every time this process reads: persists it once per interval. Cheap otherwise. */
  observe(t: number): void {
    if (t - this.persisted < this.everyMs) return;
    if (this.deferred) this.pending = t;
    else this.persist(t);
  }

  /** Writes a deferred periodic mark, if one is due. */
  flush(): void {
    if (this.pending > this.persisted) this.persist(this.pending);
    this.pending = 0;
  }

  /** A decision used `t` beyond the persisted mark (a credential seen ended): persist it now. */
  settle(t: number): void {
    if (t > this.persisted) this.persist(t);
  }

  private persist(t: number): void {
    const onDisk = readClockMark(this.home).ms;
    const mark = Math.max(t, onDisk);
    this.persisted = mark;
    if (mark === onDisk) return;
    try {
      writeFileAtomic(homeFile(this.home, 'clock'), `${JSON.stringify({ schemaVersion: CLOCK_MARK_SCHEMA_VERSION, mark: new Date(mark).toISOString() })}\n`, {
        durable: false,
      });
    } catch {
      // A read-only home (a verifier without write access) still judges on the mark it read.
    }
  }
}
