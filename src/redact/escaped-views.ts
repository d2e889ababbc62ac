/**
 * Text escaped by a framing the rules do not read: a JSON record inside a CSV field
 * (`"{""password"":""…""}"`, every export of a log table), HTML entities (`{&quot;token&quot;:…}`,
 * `token&#61;…`, `&lt;password&gt;…`) and backslash escapes of ASCII (`password\x3d…`, Go's
 * HTML-safe JSON `\u003cpassword\u003e…`). Each escaped run is decoded and redacted as a line
 * of its own (RuleHost.redactPart); only when that adds a marker does the run change, and the
 * quoting characters are escaped again as they were, so the framing stays readable.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsAnyLit } from './needs-test.js';

const RUN_MAX = 4096;

/** A CSV field: `"` … `"` with `""` for a quote inside (the lookarounds keep a field's own `""` whole). */
const CSV_FIELD_RE = /(?<!")"((?:[^"\n]|""){1,8192}?)"(?!")/g;

function csvField(eng: RuleHost, m: Match): HandlerResult {
  const end = m.index + m[0].length;
  const inner = m[1] as string;
  if (!inner.includes('""') || eng.redactPart === undefined) return [m[0], end];
  const out = eng.redactPart(inner.replace(/""/g, '"'));
  return out === null ? [m[0], end] : ['"' + out.replace(/"/g, '""') + '"', end];
}

export const CSV_QUOTED_RULE: Rule = { ...needsAnyLit(['""']), re: CSV_FIELD_RE, handle: csvField };

/** The same field escaped once more by a JSON log (`\"{\"\"password\"\":…}\"`): `\"\"` for a quote inside. */
const CSV_ESCAPED_RE = /(?<!\\")\\"((?:[^"\\\n]|\\[^"\n]|\\"\\"){1,8192}?)\\"(?!\\")/g;

export const CSV_ESCAPED_RULE: Rule = {
  ...needsAnyLit(['\\"\\"']),
  re: CSV_ESCAPED_RE,
  handle: (eng, m) => {
    const end = m.index + m[0].length;
    const inner = m[1] as string;
    if (!inner.includes('\\"\\"') || eng.redactPart === undefined) return [m[0], end];
    const out = eng.redactPart(inner.replace(/\\"\\"/g, '\\"'));
    return out === null ? [m[0], end] : ['\\"' + out.replace(/\\"/g, '\\"\\"') + '\\"', end];
  },
};

const NAMED: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&', equals: '=', colon: ':' };
/** Characters written back escaped: they would end the framing's own quoting or markup. */
const FRAMING = new Set(['"', "'", '<', '>']);

/**
 * A run free of raw quotes and angle brackets holding one entity at least. It starts only at
 * the line's start or after one of them, so each character is scanned once (a run found
 * anywhere would rescan the line from every position: quadratic on a long line).
 */
const ENTITY_RUN_RE = /(?<![^"'<>\n])[^"'<>\n]*?&(?:#\d{2,3}|#[xX][0-9a-fA-F]{2}|quot|apos|lt|gt|equals|colon);[^"'<>\n]*/g;
const ENTITY_RE = /&(?:#(\d{2,3})|#[xX]([0-9a-fA-F]{2})|(quot|apos|lt|gt|amp|equals|colon));/g;

/** Decodes `run` with `decode` (a global regex and its reader); the escapes of framing characters, by character. */
function decodeRun(run: string, re: RegExp, read: (m: RegExpExecArray) => string | null): { text: string; back: Map<string, string> } {
  const back = new Map<string, string>();
  re.lastIndex = 0;
  const text = run.replace(re, (...args: unknown[]) => {
    const m = args as unknown as RegExpExecArray;
    const c = read(m);
    if (c === null) return m[0];
    if (FRAMING.has(c) && !back.has(c)) back.set(c, m[0]);
    return c;
  });
  return { text, back };
}

/** The redacted decoding of a run, its framing characters escaped again; null when nothing was found. */
function redactRun(eng: RuleHost, run: string, re: RegExp, read: (m: RegExpExecArray) => string | null): string | null {
  if (run.length > RUN_MAX || eng.redactPart === undefined) return null;
  const { text, back } = decodeRun(run, re, read);
  if (text === run) return null;
  const out = eng.redactPart(text);
  if (out === null) return null;
  let enc = '';
  for (const ch of out) enc += back.get(ch) ?? ch;
  return enc;
}

const printable = (code: number): string | null => (code >= 32 && code < 127 ? String.fromCharCode(code) : null);

function readEntity(m: RegExpExecArray): string | null {
  if (m[1] !== undefined) return printable(Number.parseInt(m[1], 10));
  if (m[2] !== undefined) return printable(Number.parseInt(m[2], 16));
  return NAMED[m[3] as string] ?? null;
}

export const ENTITY_RULE: Rule = {
  ...needsAnyLit(['&#', '&quot;', '&lt;', '&apos;', '&equals;', '&colon;']),
  re: ENTITY_RUN_RE,
  handle: (eng, m) => {
    const end = m.index + m[0].length;
    const out = redactRun(eng, m[0], ENTITY_RE, readEntity);
    return [out ?? m[0], end];
  },
};

/** A run of a string holding `\xHH` or `\u00HH` escapes of printable ASCII (anchored like ENTITY_RUN_RE; an escaped quote ends it too). */
const BACKSLASH_RUN_RE = /(?<![^"'<>\n])(?:[^"'<>\n\\]|\\[^\n"'])*?\\\\?(?:x|u00)[2-7][0-9a-fA-F](?:[^"'<>\n\\]|\\[^\n"'])*/g;
/** One escape, or an escape escaped once more by a JSON framing (`\\x3d`). */
const BACKSLASH_RE = /\\\\?(?:x|u00)([2-7][0-9a-fA-F])/g;

export const BACKSLASH_HEX_RULE: Rule = {
  ...needsAnyLit(['\\x', '\\u00']),
  re: BACKSLASH_RUN_RE,
  handle: (eng, m) => {
    const end = m.index + m[0].length;
    const out = redactRun(eng, m[0], BACKSLASH_RE, (x) => printable(Number.parseInt(x[1] as string, 16)));
    return [out ?? m[0], end];
  },
};
