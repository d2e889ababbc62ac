/**
 * Dumps that span lines: a text escaped into one JSON string (`"msg":"[auth]\npassword = …"`),
 * whose lines are redacted again one by one, and heredocs or TOML multi-line strings under a
 * secret key (`password = <<EOT` … `EOT`, `token = """` … `"""`), swallowed to their terminator.
 */
import { classifyKey } from './key-names.js';
import type { Category } from './patterns.js';
import { SECRET_CATS } from './dumps.js';

/**
 * A line holding a whole text escaped into one JSON string (`"msg":"[auth]\npassword = x\n…"`):
 * each escaped line redacted again on its own, so rules anchored at a line's start or a word
 * boundary (`\nAGE-SECRET-KEY-1…` reads `nAGE…`) see it as the text's own line.
 */
export function redactEscapedLines(text: string, redactLine: (t: string) => string): string {
  // a JSON-escaped tab indenting the next line belongs to the break (`\n\tpsk=…` is `psk`, not `tpsk`)
  const parts = text.split(/((?:\\r)?\\n(?:\\t)*)/);
  if (parts.length < 3) return text;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    // a PEM block's lines were judged whole by the inline PEM rule (a template stays one)
    out += i % 2 === 1 || p === '' || p.includes('-----') ? p : redactLine(p);
  }
  return out;
}

const countMarkers = (s: string): number => s.split('[REDACTED:').length - 1;

/**
 * RuleHost.redactPart (escaped-views.ts): `text` redacted by `redact` when that adds a marker;
 * else null, and `counts` as they were (a discarded pass counted its pseudonyms).
 */
export function redactAddingMarker(counts: Record<string, number>, text: string, redact: (t: string) => string): string | null {
  const before = Object.entries(counts);
  const out = redact(text);
  if (countMarkers(out) > countMarkers(text)) return out;
  for (const k of Object.keys(counts)) delete counts[k];
  for (const [k, v] of before) counts[k] = v;
  return null;
}

/** Two escaped breaks at least: a text of lines (one `\n` is as often a regex or a shell string's). */
export function hasEscapedBreak(text: string): boolean {
  const i = text.indexOf('\\n');
  return i >= 0 && text.indexOf('\\n', i + 2) >= 0;
}

/** `key = <<EOT` (HCL, shell), `key = """` / `'''` (TOML, Python) under a secret key, at the line's end. */
const HEREDOC_RE = /([A-Za-z_][\w.-]*)["']?[ \t]*[=:][ \t]*(?:<<[-~]?[ \t]*["']?([A-Za-z_]\w{0,30})["']?|("""|'''))[ \t]*$/;

/** A multi-line string opened under a secret key: where its value starts, its category and its terminator. */
export function heredocStart(line: string): { index: number; cat: Category; term: string } | null {
  if (!line.includes('<<') && !line.includes('"""') && !line.includes("'''")) return null;
  const m = HEREDOC_RE.exec(line);
  if (m === null) return null;
  const cat = classifyKey(m[1] as string);
  if (cat === null || !SECRET_CATS.has(cat)) return null;
  return { index: m.index + m[0].search(/<<|"""|'''/), cat, term: (m[2] ?? m[3]) as string };
}

/** The line that closes a heredoc (its id alone, after any log prefix), or a TOML string's closing quotes. */
export function closesHeredoc(line: string, term: string): boolean {
  const t = line.trimEnd();
  if (!t.endsWith(term)) return false;
  return term.startsWith('"') || term.startsWith("'") || /(?:^|[\s:])$/.test(t.slice(0, t.length - term.length));
}

/** The lines of a heredoc or TOML multi-line string under a secret key: swallowed up to the terminator, which stays. */
export class HeredocState {
  private term: string | null = null;
  private lines = 0;

  get open(): boolean {
    return this.term !== null;
  }

  /** A line that opens one: its output (the key kept, one marker); null when `line` opens none. */
  start(line: string, redact: (text: string) => string, mark: (cat: Category) => string): string | null {
    const hd = heredocStart(line);
    if (hd === null) return null;
    this.term = hd.term;
    this.lines = 0;
    return redact(line.slice(0, hd.index)) + mark(hd.cat);
  }

  /** A line inside: its output (null: swallowed); undefined when the state ran out of lines. */
  next(line: string, maxLines: number): string | null | undefined {
    const term = this.term as string;
    if (closesHeredoc(line, term)) {
      this.term = null;
      // a TOML string may close on its last content line: only the quotes stay
      return term.length === 3 && line.trim() !== term ? term : line;
    }
    if (++this.lines < maxLines) return null;
    this.term = null;
    return undefined;
  }
}
