import { B3iqError } from './errors.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION_RE = /^([1-9][0-9]{0,6})(s|m|h|d)$/;

/** Parses `90s`, `15m`, `4h`, `30d`; `never` gives null where allowed. */
export function parseDuration(text: string, opts: { allowNever?: boolean; flag?: string } = {}): number | null {
  const flag = opts.flag ?? 'duration';
  if (typeof text !== 'string' || text.length > 16) {
    throw new B3iqError('E_DURATION', `${flag}: not a duration.`, { hint: 'Use a number and a unit: 90s, 15m, 4h, 30d.' });
  }
  const t = text.trim().toLowerCase();
  if (t === 'never') {
    if (opts.allowNever) return null;
    throw new B3iqError('E_DURATION', `${flag}: "never" is not allowed here.`, { hint: 'Give a finite duration such as 4h.' });
  }
  const m = DURATION_RE.exec(t);
  if (!m) {
    throw new B3iqError('E_DURATION', `${flag}: not a valid duration.`, {
      hint: `Use a number and a unit: 90s, 15m, 4h, 30d${opts.allowNever ? ', or never' : ''}.`,
    });
  }
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

export function formatDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [u, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${u}`;
  return `${Math.round(ms / 1000)}s`;
}
