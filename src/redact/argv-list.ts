/**
 * An argument vector written as a YAML list, one element a line (`args:` then `  - "mysql"`,
 * `  - "-pPASS"`), each line maybe behind a log prefix: the elements are gathered from the
 * line naming a login tool on, and each is read as that tool reads it (argv-secrets.ts).
 */
import { type Item, secretItems } from './argv-secrets.js';

/** A list item ending its line: `- "value"`, `- 'value'` or `- value`, maybe inside a quoted message (`msg="  - \"value\""`). */
const ITEM_RE = /(?:^|[ \t])-[ \t]+(?:\\?"([^"\s\\]*)\\?"|'([^'\s]*)'|([^\s"'\\]+))(?:"[}\]]?)?[ \t]*\r?$/;
/** Tools whose argv may carry a password (argv-secrets.ts reads their flags). */
const LOGIN_TOOLS =
  /^(?:docker|podman|nerdctl|skopeo|buildah|helm|oras|crane|sshpass|mongo|mongosh|az|mysql|mysqldump|mysqladmin|mariadb|mariadb-dump|redis-cli|htpasswd|aws)$/;
/** Most elements one list is followed for. */
const ITEMS_MAX = 64;
/** Earlier lines' elements: no position in the current line. */
const ELSEWHERE = -1e9;

/**
 * Whether the line's last word (past closing quotes and a record's `}`) ends in a letter and
 * stands after `- `: read from the end, so the third of log lines holding a `- ` somewhere
 * cost no regex.
 */
function endsInWord(line: string): boolean {
  let i = line.length - 1;
  let c = line.charCodeAt(i);
  // closing quotes (maybe escaped), a record's `}` or `]`, blanks, a CR
  while (c === 34 || c === 39 || c === 92 || c === 125 || c === 93 || c === 32 || c === 9 || c === 13) c = line.charCodeAt(--i);
  if (((c | 32) - 97) >>> 0 >= 26) return false;
  while (i >= 0 && isNameChar(c)) c = line.charCodeAt(--i);
  while (c === 34 || c === 39 || c === 92) c = line.charCodeAt(--i);
  return (c === 32 || c === 9) && line.charCodeAt(i - 1) === 45;
}

/** A letter, digit, `_`, `.`, `/` or `-`: a tool's path. */
function isNameChar(c: number): boolean {
  return ((c | 32) - 97) >>> 0 < 26 || (c - 48) >>> 0 < 10 || c === 95 || c === 46 || c === 47 || c === 45;
}

function itemOf(line: string): Item | null {
  if (!line.includes('- ')) return null;
  const m = ITEM_RE.exec(line);
  if (m === null) return null;
  const v = m[1] ?? m[2] ?? m[3] ?? '';
  return { v, at: m.index + m[0].indexOf(v, 1) };
}

export class ArgvList {
  private items: Item[] | null = null;

  /** A line read as usual: it may open a list (its element names a login tool). */
  opens(line: string): void {
    if (this.items !== null || !endsInWord(line)) return;
    const it = itemOf(line);
    if (it !== null && LOGIN_TOOLS.test(it.v.replace(/^.*\//, ''))) this.items = [{ v: it.v, at: ELSEWHERE }];
  }

  /** A line while a list is open: its element's secret span `[from, to]`, or null (a line that is no element closes the list). */
  next(line: string): [number, number] | null {
    if (this.items === null) return null;
    const it = itemOf(line);
    if (it === null || this.items.length >= ITEMS_MAX) {
      this.items = null;
      return null;
    }
    const items = [...this.items, it];
    this.items.push({ v: it.v, at: ELSEWHERE });
    const hit = secretItems(items).find((h) => h.at >= 0);
    return hit === undefined ? null : [hit.at, hit.at + hit.len];
  }
}
