/**
 * OpenVPN `auth-user-pass` files: two lines, the user name and then the password, with no key
 * at all. Recognised only when the stream says it is such a file: the lines a `cat` (or `head`,
 * a `==> file <==` header) of a file named for credentials (`auth.txt`, `creds.txt`,
 * `login.conf`, `*.auth`) or of a file an earlier `auth-user-pass <file>` directive named prints,
 * and an inline `<auth-user-pass>` block of a config. The user line stays (the usual rules see
 * it); the password line is marked whole. One small record, no buffering.
 */

/** `cat [flags] <path>` (a prompt before it allowed) or `==> <path> <==`: the path. */
const SHOW_FILE_RE = /(?:^|[\s$#>])(?:cat|head|tail|more|less|bat|batcat)[ \t]+(?:-\S+[ \t]+)*(\S{1,300})[ \t]*$|^==> (\S{1,300}) <==$/;
/** A file named for credentials. */
const CRED_FILE_RE =
  /(?:^|\/)(?:[\w.-]*[._-])?(?:auth|creds?|credentials|login|userpass|passwd|pass(?:words?)?)(?:[._-][\w-]*)?\.(?:txt|conf|cfg|auth)$|\.auth$/i;
/** `auth-user-pass <file>` in a config or on a command line. */
const DIRECTIVE_RE = /(?:^|[\s-])auth-user-pass[ \t]+["']?([^\s"']{1,300})/;
/** A user name line: one token. */
const USER_LINE_RE = /^[ \t]*[^\s<>$#][^\s<>]{0,127}[ \t]*$/;
const MAX_PATHS = 16;
/** What `watch` looks for first: a line without any of these only leaves an inline block. */
export const WATCH_LITS_RE = /auth-user-pass|cat|==>|head|tail/;

export class AuthUserPassState {
  /** 2: the user line is next; 1: the password line is next; 0: not in such a file. */
  private next = 0;
  /** Inside `<auth-user-pass>`: the block's closing tag ends it. */
  private inline = false;
  /** Files `auth-user-pass` directives named (the most recent few). */
  private readonly paths: string[] = [];

  get open(): boolean {
    return this.next > 0;
  }

  /**
   * The line redacted when it is the password line, else null (and the state advanced).
   * `noLits`: the caller knows the line holds no literal of WATCH_LITS_RE.
   */
  line(line: string, mark: (cat: string) => string, noLits = false): string | null {
    if (this.next === 2) {
      this.next = USER_LINE_RE.test(line) ? 1 : 0;
      return null;
    }
    if (this.next === 1) {
      this.next = 0;
      const body = line.trim();
      if (body === '' || body.length > 256 || (this.inline && body.startsWith('</'))) return null;
      const lead = line.length - line.trimStart().length;
      return line.slice(0, lead) + mark('password');
    }
    this.watch(line, noLits);
    return null;
  }

  private watch(line: string, noLits: boolean): void {
    if (noLits) {
      this.inline = false;
      return;
    }
    if (line.includes('auth-user-pass')) {
      if (/^[ \t]*<auth-user-pass>[ \t]*$/.test(line)) {
        this.inline = true;
        this.next = 2;
        return;
      }
      const d = DIRECTIVE_RE.exec(line);
      if (d !== null) this.rememberPath(d[1] as string);
    }
    this.inline = false;
    if (!line.includes('cat') && !line.includes('==>') && !line.includes('head') && !line.includes('tail')) return;
    const m = SHOW_FILE_RE.exec(line);
    if (m === null) return;
    const path = (m[1] ?? m[2]) as string;
    if (CRED_FILE_RE.test(path) || this.paths.some((p) => p === path || p.endsWith('/' + path) || path.endsWith('/' + p))) this.next = 2;
  }

  private rememberPath(path: string): void {
    if (this.paths.includes(path)) return;
    this.paths.push(path);
    if (this.paths.length > MAX_PATHS) this.paths.shift();
  }
}
