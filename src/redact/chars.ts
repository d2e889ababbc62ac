/** Character codes the scanners compare against, by name. */
export const TAB = 9;
export const CR = 13;
export const SPACE = 32;
export const DQUOTE = 34;
export const HASH = 35;
export const DOLLAR = 36;
export const AMP = 38;
export const SQUOTE = 39;
export const LPAREN = 40;
export const RPAREN = 41;
export const PLUS = 43;
export const COMMA = 44;
export const DASH = 45;
export const DOT = 46;
export const SLASH = 47;
export const COLON = 58;
export const SEMI = 59;
export const LT = 60;
export const BANG = 33;
export const EQUALS = 61;
export const GT = 62;
export const QUESTION = 63;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const UNDERSCORE = 95;
export const BACKTICK = 96;
export const LBRACE = 123;
export const PIPE = 124;
export const RBRACE = 125;
/** U+FF1A, the full-width colon of CJK text (`secret：value`). */
export const FULLWIDTH_COLON = 0xff1a;

export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

export function isQuote(c: number): boolean {
  return c === DQUOTE || c === SQUOTE || c === BACKTICK;
}

/** Letters, digits, `_`, `-`, `.`: what a key name is made of. */
export function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === UNDERSCORE || c === DASH || c === DOT;
}

/** Where an unquoted inline value (`k=v` in a log line, a flag's argument) ends. */
export function endsInlineValue(c: number): boolean {
  return (
    c <= SPACE ||
    c === DQUOTE ||
    c === SQUOTE ||
    c === AMP ||
    c === COMMA ||
    c === SEMI ||
    c === RBRACE ||
    c === RBRACKET ||
    c === RPAREN ||
    c === LT ||
    c === GT ||
    c === BACKSLASH
  );
}

/** Where a URL ends in running text: whitespace, quotes, `<`, `>`, backtick. */
export function endsUrl(c: number): boolean {
  return c <= SPACE || c === DQUOTE || c === SQUOTE || c === LT || c === GT || c === BACKTICK;
}

export function skipBlanks(line: string, i: number): number {
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return i;
}

export function skipBlanksBack(line: string, i: number, floor: number): number {
  while (i > floor && isBlank(line.charCodeAt(i - 1))) i--;
  return i;
}
