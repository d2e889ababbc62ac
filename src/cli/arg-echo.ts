import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What an error may say about the command line. A mistyped argument is often a pasted
 * secret, so messages name arguments by position ("argument 3"); a value is shown only when
 * it is shaped like a public id, is one of the tool's own words (a command, a flag, a known
 * choice) or names an existing path. Everything else is hidden, wherever it appears.
 */

/** A public credential id: a short lowercase prefix, an underscore, letters and digits. */
export const ID_SHAPE_RE = /^[a-z]{2,4}_[0-9A-Za-z]{4,64}$/;
const DURATION_RE = /^(\d{1,6}[smhd]|never)$/;

export function isIdShaped(value: string): boolean {
  return ID_SHAPE_RE.test(value);
}

/** The 1-based position of the argument that carries `value` (alone, after `=`, or in a comma list). */
export function positionOf(argv: readonly string[], value: string): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === value) return i + 1;
    const eq = a.indexOf('=');
    const tail = eq > 0 && a.startsWith('-') ? a.slice(eq + 1) : a;
    if (tail === value || tail.split(',').some((p) => p.trim() === value)) return i + 1;
  }
  for (let i = 0; i < argv.length; i++) if (value.length >= 2 && argv[i]!.includes(value)) return i + 1;
  return undefined;
}

/** "argument N" for a value from argv, or a neutral phrase when it is not found there. */
export function argRef(argv: readonly string[], value: string): string {
  const p = positionOf(argv, value);
  return p === undefined ? 'an argument' : `argument ${p}`;
}

/** The parts of one argument that could be a value: the whole, after `=`, after a glued short flag. */
function candidates(arg: string): string[] {
  const out = [arg];
  const eq = /^--?[^=]+=(.*)$/s.exec(arg);
  if (eq) out.push(eq[1]!);
  const glued = /^-[A-Za-z](.+)$/s.exec(arg);
  if (glued && !arg.startsWith('--')) out.push(glued[1]!);
  return out;
}

function existingPath(value: string, cwd: string): boolean {
  if (value.length > 4096 || value.includes('\0')) return false;
  try {
    fs.statSync(path.resolve(cwd, value));
    return true;
  } catch {
    return false;
  }
}

export interface EchoRules {
  argv: readonly string[];
  /** The tool's own words: command names, flags, choices. */
  known: ReadonlySet<string>;
  cwd: string;
}

function safeToEcho(value: string, rules: EchoRules): boolean {
  if (value.length < 4) return true; // too short to hide without mangling the sentence
  if (rules.known.has(value) || isIdShaped(value) || DURATION_RE.test(value) || /^\d+$/.test(value)) return true;
  return existingPath(value, rules.cwd);
}

/** Replaces every unsafe argument value in `text` with its position. */
export function hideArgValues(text: string, rules: EchoRules): string {
  const hidden: Array<{ value: string; position: number }> = [];
  rules.argv.forEach((arg, i) => {
    for (const c of candidates(arg)) if (!safeToEcho(c, rules)) hidden.push({ value: c, position: i + 1 });
  });
  // Longest first, so a whole argument goes before a part of it.
  hidden.sort((a, b) => b.value.length - a.value.length);
  let out = text;
  for (const h of hidden) if (out.includes(h.value)) out = out.split(h.value).join(`<argument ${h.position}>`);
  return out;
}
