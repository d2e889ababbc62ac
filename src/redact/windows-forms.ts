/**
 * Windows secrets the tool table does not read: a PowerShell plain-text string after
 * `-AsPlainText` (`ConvertTo-SecureString -AsPlainText "…" -Force`) or piped into
 * `ConvertTo-SecureString` (`'…' | ConvertTo-SecureString`), and `reg query` output of a value
 * named for a secret (`DefaultPassword    REG_SZ    …`, Winlogon's autologon password).
 */
import type { Rule } from './rules.js';
import { needsAnyLit } from './needs-test.js';
import { isValue } from './cli-args.js';

const SECURE_STRING_RE = /(?<=-AsPlainText[ \t]+(?:-Force[ \t]+)?)(["'])([^"'\n]{1,256})\1|(["'])([^"'\n]{1,256})\3(?=[ \t]*\|[ \t]*ConvertTo-SecureString)/g;

export const SECURE_STRING_RULE: Rule = {
  ...needsAnyLit(['AsPlainText', 'ConvertTo-SecureString']),
  re: SECURE_STRING_RE,
  handle: (eng, m) => {
    const q = (m[1] ?? m[3]) as string;
    const v = (m[2] ?? m[4]) as string;
    return isValue(v) ? [q + eng.mark('password') + q, m.index + m[0].length] : null;
  },
};

const REG_VALUE_RE =
  /(?<=\b\w*(?:[Pp]assword|[Pp]asswd|[Ss]ecret|[Tt]oken|[Aa]pi[Kk]ey|PASSWORD|SECRET|TOKEN)\w*[ \t]+REG_(?:SZ|EXPAND_SZ|MULTI_SZ)[ \t]+)\S[^\n]{0,255}?(?=[ \t]*$)/g;

export const REG_VALUE_RULE: Rule = {
  ...needsAnyLit(['REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ']),
  re: REG_VALUE_RE,
  handle: (eng, m) => (isValue(m[0]) ? [eng.mark('password'), m.index + m[0].length] : null),
};
