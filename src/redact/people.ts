/**
 * People named beside an e-mail address outside a header the header rule knows: a display
 * name before `<addr>` anywhere in a line (`X-Original-From: Dana Whitcombe <…>`, a folded
 * `To:` continuation, `sent invoice to Dana Whitcombe <…>`), and the address objects of mail
 * libraries printed as struct dumps (Go `mail.Address{Name:"…", Address:"…"}`, Python
 * `Address(display_name='…', …)`, `formataddr(('…', …))`, `{"email":…,"name":"…"}`) or CSV rows
 * (`"Dana Whitcombe",dana@…`). The addresses themselves are the e-mail rule's.
 */
import type { Rule, RuleHost, Match, HandlerResult } from './rules.js';

const mark = (eng: RuleHost, m: Match): HandlerResult => [eng.mark('customer-identity'), m.index + m[0].length];

/** Two to four capitalised words, or any quoted name, right before `<local@domain>`. */
const DISPLAY_NAME_RE =
  /(?<=(?:^|[\s,:;'(=>])"?)(?:\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){1,3})(?="?[ \t]*<[^<>\s@]+@[^<>\s]+>)|(?<=(?:^|[\s,:;'(="]|\\[tn])\\?")[^"\\\n<>]{1,80}(?=\\?"{1,2}[ \t]*<[^<>\s@]+@[^<>\s]+>)/gu;

export const DISPLAY_NAME_RULE: Rule = {
  needs: { lits: ['@'] },
  gate: (l) => l.includes('<') && l.includes('@'),
  re: DISPLAY_NAME_RE,
  handle: (eng, m) => (m[0].startsWith('[') || !/\p{L}/u.test(m[0]) ? null : mark(eng, m)),
};

/** Mail libraries' address objects: the name field beside an address field. */
const ADDRESS_OBJECT_RE = new RegExp(
  [
    // Go: mail.Address{Name:"Dana Whitcombe", Address:"dana@…"}
    String.raw`(?<=\bName:[ \t]*(?:\\?"|""))[^"\\\n]{1,128}(?=(?:\\?"|""),[ \t]*Address:)`,
    // Python: Address(display_name='…', username=…)
    String.raw`(?<=\bdisplay_name=\\?['"])[^'"\\\n]{1,128}(?=\\?['"],[ \t]*(?:username|addr_spec|domain)=)`,
    // Python: formataddr(('Dana Whitcombe', 'dana@…'))
    String.raw`(?<=\bformataddr\(\([ \t]*\\?['"])[^'"\\\n]{1,128}`,
    // JSON with the address first: {"email":"dana@…","name":"…"}
    String.raw`(?<=(?:\\?"|"")(?:email|address|mail)(?:\\?"|"")[ \t]*:[ \t]*(?:\\?"|"")[^"\\\n]{1,128}@[^"\\\n]{1,128}(?:\\?"|"")[ \t]*,[ \t]*(?:\\?"|"")(?:name|display_?name|full_?name)(?:\\?"|"")[ \t]*:[ \t]*(?:\\?"|""))[^"\\\n]{1,128}`,
    // a CSV row: "Dana Whitcombe",dana@…
    String.raw`(?<=(?:^|[,\s":])(?:\\?"|""))\p{Lu}[\p{L}'’. -]{1,80}(?=(?:\\?"|""),[^\s,@"\\]+@[\w-]+\.)`,
  ].join('|'),
  'gu',
);

export const ADDRESS_OBJECT_RULE: Rule = {
  needs: { lits: ['Name:', 'display_name', 'formataddr', '@'] },
  gate: (l) => l.includes('Name:') || l.includes('display_name') || l.includes('formataddr') || (l.includes('@') && l.includes('"')),
  re: ADDRESS_OBJECT_RE,
  handle: (eng, m) => (m[0].startsWith('[') ? null : mark(eng, m)),
};
