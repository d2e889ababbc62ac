/**
 * Secret literals found by the words around them rather than by a tool's flags: PowerShell's
 * `-AsPlainText` strings, a here-string into a credential reader, SQL password clauses.
 */
import type { Rule } from './rules.js';
import { isValue } from './cli-args.js';

/**
 * PowerShell's `ConvertTo-SecureString 'PASS' -AsPlainText` and `-String "PASS" -AsPlainText`:
 * the string literal (the keyed pass may already have taken the cmdlet's name for the value
 * of `$pw =` or `-Password`, so the literal is found by `-AsPlainText`, not by the cmdlet).
 */
const PLAIN_TEXT_RE = /(["'])([^"'\n]{1,256})\1(?=[ \t]+-AsPlainText)|(?<=-String[ \t]+)(["'])([^"'\n]{1,256})\3/g;

export const PLAIN_TEXT_RULE: Rule = {
  needs: { lits: ['AsPlainText'] },
  gate: (l) => l.includes('AsPlainText'),
  re: PLAIN_TEXT_RE,
  handle: (eng, m) => {
    const q = (m[1] ?? m[3]) as string;
    const v = (m[2] ?? m[4]) as string;
    return isValue(v) ? [q + eng.mark('password') + q, m.index + m[0].length] : null;
  },
};

/**
 * A here-string into a command that reads a credential: `docker login --password-stdin <<< PASS`,
 * `smbpasswd -a ops <<< PASS`, `gcloud secrets create x --data-file=- <<< VALUE`.
 */
const HERE_STRING_RE = /(?<=[ \t])<<<(?!<)[ \t]*(\\"[^"\\\n]{1,256}\\"|"[^"\n]{1,256}"|'[^'\n]{1,256}'|[^\s"'|;&)]{1,256})/g;
const CRED_COMMAND_RE = /\b(?:login|secrets?|passwd|smbpasswd|chpasswd|password|token|vault|keyring)\b|stdin|--data-file/i;

export const HERE_STRING_RULE: Rule = {
  needs: { lits: ['<<<'] },
  gate: (l) => l.includes('<<<'),
  re: HERE_STRING_RE,
  handle: (eng, m, line) => {
    const v = m[1] as string;
    const q = v.startsWith('\\"') ? '\\"' : v[0] === '"' || v[0] === "'" ? (v[0] as string) : '';
    // the command before the here-string, back to the previous `|`, `;`, `&` or line start
    let s = m.index;
    while (s > 0 && !'|;&\n'.includes(line[s - 1] as string)) s--;
    if (!CRED_COMMAND_RE.test(line.slice(s, m.index)) || !isValue(v.slice(q.length, v.length - q.length))) return null;
    return [line.slice(m.index, m.index + m[0].length - v.length) + q + eng.mark('password') + q, m.index + m[0].length];
  },
};

/** SQL: `CREATE USER … WITH PASSWORD 'x'`, `IDENTIFIED BY 'x'`, `PASSWORD = 'x'`, `SET PASSWORD … = PASSWORD('x')`. */
const SQL_PASSWORD_RE = /(?<=\b(?:PASSWORD|IDENTIFIED[ \t]+BY|password|identified[ \t]+by)[ \t]*(?:=[ \t]*)?\(?[ \t]*)'([^'\n]{1,256})'/g;

export const SQL_PASSWORD_RULE: Rule = {
  needs: { lits: ['PASSWORD', 'password', 'IDENTIFIED', 'identified'] },
  gate: (l) => (l.includes('PASSWORD') || l.includes('password') || l.includes('IDENTIFIED') || l.includes('identified')) && l.includes("'"),
  re: SQL_PASSWORD_RE,
  handle: (eng, m) => (isValue(m[1] as string) ? ["'" + eng.mark('password') + "'", m.index + m[0].length] : null),
};
