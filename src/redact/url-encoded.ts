/**
 * Credentials inside URL-encoded text (`?api%5Fkey=…`, `password%3D…`, `token%3A…`, a b3iq
 * token with its `_` written `%5F`, `%2Fhome%2Fname`): each run of text carrying `%XX`
 * escapes is decoded and redacted as plain text; when that redacts anything, the decoded,
 * redacted run replaces the encoded one (else the run is kept byte for byte).
 */

/** A run of URL text with at least one escape. */
const ENCODED_RUN_RE = /[^\s"'<>]*%[0-9A-Fa-f]{2}[^\s"'<>]*/g;
/** Only ASCII escapes are decoded: the characters of keys, separators and tokens. */
const ASCII_ESCAPE_RE = /%([0-7][0-9A-Fa-f])/g;
/**
 * Only a run with an escaped separator or token character can hide a key/value, a token or
 * a path (`=` `:` `_` `/` `"` `@` `\`): a run of escaped blanks and commas is left alone unread.
 */
const ESCAPE_GATE_RE = /%(?:3[DdAa]|5[FfCc]|2[Ff25]|40)/;
/** A URL's scheme and user part (`https://user:pass@`), up to its last `@` before the path. */
const USERINFO_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s]*@/;
/** Escapes of escapes (`%253D`) are decoded this many times over. */
const MAX_DEPTH = 3;

function decodeAscii(s: string): string {
  return s.replace(ASCII_ESCAPE_RE, (_m, hex: string) => {
    const c = Number.parseInt(hex, 16);
    return c < 32 ? ' ' : String.fromCharCode(c); // a control character (%0A) only ends a value
  });
}

/** `line` with each encoded run that hides a secret replaced by its redacted decoding. */
export function redactEncodedRuns(line: string, redactPlain: (text: string) => string, depth = 0): string {
  if (depth >= MAX_DEPTH || !ESCAPE_GATE_RE.test(line)) return line;
  ENCODED_RUN_RE.lastIndex = 0;
  return line.replace(ENCODED_RUN_RE, (run) => {
    if (!ESCAPE_GATE_RE.test(run)) return run;
    // a URL's user part stays as written: a password's escaped `/` or `@` (`bob:9wy%2Fx@host`)
    // decoded would end the user part early and leave the rest of the password out (fuzz suite)
    const head = USERINFO_RE.exec(run)?.[0] ?? '';
    const decoded = head + decodeAscii(run.slice(head.length));
    if (decoded === run) return run;
    const plain = redactEncodedRuns(decoded, redactPlain, depth + 1);
    const redacted = redactPlain(plain);
    return redacted === plain && plain === decoded ? run : redacted;
  });
}
