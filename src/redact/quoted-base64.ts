/**
 * A wrapped base64 block's line inside a log framing that quotes each line: a JSON record's
 * message (`"MESSAGE":"MIIEvQIB…"`), logfmt's `msg="…"`, a CSV field. The run is a whole line
 * of an encoder's width (60, 64, 72 or 76 columns) with upper, lower, digits and `+` or `/`, so it does not
 * end its line for the trailing-run rule (wrapped.ts) to see it.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { TEE_CONTEXT_RE } from './patterns.js';
import { isRandomBase64 } from './literals.js';

const WRAP_WIDTHS = new Set([60, 64, 72, 76]);
const QUOTED_LINE_RE = /"[ \t]*([A-Za-z0-9+/]{60,76})(={0,2})(?=\\*")/g;

function quotedBase64(eng: RuleHost, m: Match, line: string): HandlerResult {
  const run = m[1] as string;
  if (!WRAP_WIDTHS.has(run.length + (m[2] as string).length)) return null;
  // base64's own `+` or `/` (a 64-column line holds one 7 times in 8), or letters drawn at random (the eighth line)
  if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/\d/.test(run) || /EXAMPLE|DUMMY|XXXXXXXX/.test(run)) return null;
  if (!/[+/]/.test(run) && !isRandomBase64(run)) return null;
  const start = m.index + m[0].length - run.length - (m[2] as string).length;
  return [eng.mark(TEE_CONTEXT_RE.test(line) ? 'tee-quote' : 'base64-blob'), m.index + m[0].length, start];
}

const QUOTE_OPENERS = [':"', ': "', '="', ',"', '\\"'];

export const QUOTED_BASE64_RULE: Rule = {
  // the quote as a framing opens it: a JSON value, logfmt's `msg="`, a CSV field (a bare `"` would wake every quoted line)
  needs: { minLength: 62, lits: QUOTE_OPENERS },
  gate: (l) => l.length >= 62 && QUOTE_OPENERS.some((x) => l.includes(x)),
  re: QUOTED_LINE_RE,
  handle: quotedBase64,
};

/** cloudflared `tunnel info`: the aligned `ID:` line under `NAME:` holds the tunnel's id. */
const TUNNEL_INFO_ID_RE = /(?<![\w-])ID:[ \t]{3,}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])/g;

export const TUNNEL_INFO_ID_RULE: Rule = {
  needs: { lits: ['ID:'] },
  gate: (l) => l.includes('ID:  '),
  re: TUNNEL_INFO_ID_RE,
  handle: (eng, m) => [m[0].slice(0, m[0].length - 36) + eng.mark('tunnel'), m.index + m[0].length],
};

/** A quoted line's end after a block line: the closing quote (maybe escaped) and a record's `}` or `]`. */
const QUOTED_END_RE = /\\*"[}\]]?[ \t]*\r?$/;
/** The next line's quoted text, whole: a block's line (12+ base64, or a padded run). */
const QUOTED_TAIL_RE = /^[ \t]*(?:[A-Za-z0-9+/]{12,}={0,2}|[A-Za-z0-9+/]{2,}={1,2})$/;

/** Where a quoted block line's closer starts, when the quoted text runs to it in base64 (no `=` yet); -1 otherwise. */
export function quotedBlockEnd(line: string): number {
  const m = QUOTED_END_RE.exec(line);
  if (m === null) return -1;
  return /[A-Za-z0-9+/]/.test(line.charAt(m.index - 1)) ? m.index : -1;
}

/**
 * The line after a quoted block line: its quoted text (the line ends with a quote, opened after
 * `:`, `=`, `,` or a blank) as `[start, end, whole]` when it is the block's next line, whole
 * when of an encoder's width (the block may go on); null otherwise.
 */
export function quotedBlockNext(line: string): [number, number, boolean] | null {
  const end = quotedBlockEnd(line);
  if (end < 0) return null;
  const open = line.lastIndexOf('"', end - 1);
  if (open < 1 || !':=, '.includes(line.charAt(line.charCodeAt(open - 1) === 92 ? open - 2 : open - 1))) return null;
  const body = line.slice(open + 1, end);
  if (!QUOTED_TAIL_RE.test(body)) return null;
  const start = open + 1 + (body.length - body.trimStart().length);
  return [start, end, WRAP_WIDTHS.has(end - start)];
}
