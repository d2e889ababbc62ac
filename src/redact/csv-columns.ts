/**
 * A CSV export whose header names a customer column (`customer,plan,seats`,
 * `id,company_name,email`): the field under that column in the rows after it is customer
 * identity. The header and its rows may stand behind a log prefix. The state is the header's
 * column (no buffering); a row with another field count ends the table.
 */
import { LOG_PREFIX_RE } from './log-prefix.js';
import type { SectionValue } from './sections.js';

/** Column names that hold a customer's or organisation's name. */
const CUSTOMER_COLUMNS = new Set([
  'customer',
  'customer_name',
  'customername',
  'company',
  'company_name',
  'companyname',
  'organization',
  'organisation',
  'organization_name',
  'org',
  'org_name',
  'tenant',
  'tenant_name',
  'account_name',
  'legal_name',
  'full_name',
  'display_name',
  'billing_name',
]);
/** A header row: names only (maybe quoted), two or more. */
const HEADER_RE = /^"?[A-Za-z_][\w ]{0,40}"?(?:,"?[A-Za-z_][\w ]{0,40}"?){1,40}$/;
/** What a header line must hold before it is parsed (plain substring tests: this runs on every line with a comma). */
const HINT_LITS = ['ustomer', 'USTOMER', 'ompany', 'OMPANY', 'rganiz', 'rganis', 'org,', ',org', 'enant', '_name', 'Name'];
/** Longest header line read. */
const HEADER_MAX = 600;

function prefixEnd(line: string): number {
  const p = LOG_PREFIX_RE.exec(line);
  return p === null ? 0 : p[0].length;
}

/** The fields of one CSV row as [start, end) spans (quotes included), or null when it is not a row. */
function fieldSpans(line: string, from: number): Array<[number, number]> | null {
  const spans: Array<[number, number]> = [];
  let i = from;
  for (let k = 0; k < 64; k++) {
    const s = i;
    if (line[i] === '"') {
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) i += line[i] === '"' ? 2 : 1;
      if (i >= line.length) return null;
      i++;
    } else while (i < line.length && line[i] !== ',') i++;
    spans.push([s, i]);
    if (i >= line.length) return spans;
    if (line[i] !== ',') return null;
    i++;
  }
  return null;
}

/** Characters of a header row: names, blanks, commas, quotes. */
function headerChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 32 || c === 44 || c === 34;
}

/**
 * The header row a line may be (after its log prefix), or null. A backward scan over the
 * line's tail first (this runs on every line): a log line's text ends in punctuation, a path or
 * a sentence without commas long before a whole line has been read.
 */
function headerAt(line: string): string | null {
  if (line.length > HEADER_MAX) return null;
  let p = line.length;
  let comma = false;
  while (p > 0) {
    const c = line.charCodeAt(p - 1);
    if (!headerChar(c)) break;
    if (c === 44) comma = true;
    p--;
  }
  if (!comma || line.length - p < 5) return null;
  if (p === 0) return line.trimEnd();
  const from = prefixEnd(line);
  return from > 0 && from >= p && line.slice(p, from).trim() === '' ? line.slice(from).trimEnd() : null;
}

export class CsvColumns {
  private column = -1;
  private fields = 0;

  line(line: string): SectionValue | null {
    if (this.column >= 0) {
      const spans = fieldSpans(line, prefixEnd(line));
      if (spans !== null && spans.length === this.fields) {
        let [s, e] = spans[this.column] as [number, number];
        if (line[s] === '"') {
          s++;
          e--;
        }
        return /\p{L}/u.test(line.slice(s, e)) ? { start: s, end: e, cat: 'customer-identity' } : null;
      }
      this.column = -1;
    }
    const body = headerAt(line);
    if (body === null || !HINT_LITS.some((x) => body.includes(x)) || !HEADER_RE.test(body)) return null;
    const names = body.split(',').map((x) => x.replace(/"/g, '').trim().toLowerCase());
    const col = names.findIndex((x) => CUSTOMER_COLUMNS.has(x));
    if (col >= 0) {
      this.column = col;
      this.fields = names.length;
    }
    return null;
  }
}
