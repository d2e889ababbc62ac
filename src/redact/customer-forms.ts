/**
 * A customer's or organisation's name where the keyed pass sees no `key: value` of its own:
 * nested one level down (`"customer":{"id":…,"name":"…"}`, `"organization":{"name":"…"}`),
 * Go `%+v` and `%#v` dumps (`Customer:{ID:42 Name:Globex Corporation Plan:pro}`,
 * `CompanyName:"…"`), Rust `Debug` (`Customer { name: "…", … }`), SQL inserts into a customers
 * table, and holder/contact fields (`"accountHolder": "…"`, `customer_display_name="…"`).
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsAnyLit } from './needs-test.js';

const ORG = '(?:[Cc]ustomer|CUSTOMER|[Cc]ompany|[Oo]rgani[sz]ation|[Oo]rg|[Tt]enant|[Aa]ccount|[Bb]illing)';
const NAME_KEY = '(?:name|display_?[Nn]ame|legal_?[Nn]ame|company_?[Nn]ame|full_?[Nn]ame)';

/** A quote as JSON, JSON inside JSON, or a CSV field writes it. */
const Q = `(?:\\\\?["']|"")`;
const CUSTOMER_FORM_RE = new RegExp(
  [
    // JSON or a Python dict, one level down: "customer": {"id": "…", "name": "…"}
    `(${Q}${ORG}${Q}[ \\t]*:[ \\t]*\\{[^{}\\n]{0,200}?${Q}${NAME_KEY}${Q}[ \\t]*:[ \\t]*${Q})([^"'\\\\\\n]{1,128})`,
    // Go %+v: Customer:{ID:42 Name:Globex Corporation Plan:pro}
    `(\\b${ORG}\\w*:?[ \\t]*\\{(?:[^{}\\n]{0,200}?[ \\t,])?Name:)(?!\\\\?")([^{}\\n]+?)(?=[ \\t]+[A-Z]\\w*:|\\})`,
    // Go %#v and struct literals: CompanyName:"…", Customer:"…"
    `(\\b${ORG}(?:Name|DisplayName|LegalName)?:[ \\t]*\\\\?")([^"\\\\\\n]{1,128})`,
    // Rust Debug: Customer { id: 42, name: "…", … }
    `(\\b${ORG}\\w*[ \\t]*\\{[ \\t]*(?:\\w+:[ \\t]*[^,{}\\n]{1,80},[ \\t]*){0,6}${NAME_KEY}:[ \\t]*\\\\?")([^"\\\\\\n]{1,128})`,
    // holder and contact fields
    `(\\b(?:account_?[Hh]older|[Hh]older_?[Nn]ame|contact_?[Nn]ame|customer_display_name|customerDisplayName)${Q}?[ \\t]*[:=][ \\t]*${Q})([^"'\\\\\\n]{1,128})`,
  ].join('|'),
  'g',
);

/** The prefix kept, the name marked (each alternative captures the two as a pair of groups). */
function customerName(eng: RuleHost, m: Match): HandlerResult {
  for (let g = 1; g < m.length; g += 2) {
    const value = m[g + 1];
    if (value === undefined) continue;
    if (value.startsWith('[')) return null;
    return [(m[g] as string) + eng.mark('customer-identity'), m.index + m[0].length];
  }
  return null;
}

// (`account`, `billing` in lower case only as a quoted key, as loghub has them in prose; no `Client`: on 1 line in 40 of it)
const ORG_LITS = [
  'ustomer',
  'USTOMER',
  'ompany',
  'rganis',
  'rganiz',
  'org"',
  "org'",
  'org\\',
  'Org',
  'enant',
  'Account',
  'account"',
  "account'",
  'account\\',
  'Billing',
  'billing"',
  "billing'",
  'billing\\',
  'older',
  'ontact',
];

export const CUSTOMER_FORM_RULE: Rule = {
  ...needsAnyLit(ORG_LITS),
  re: CUSTOMER_FORM_RE,
  handle: customerName,
};

/** INSERT INTO customers (id, name, …) VALUES (42, 'Globex Corporation', …): the values under name-like columns. */
const SQL_INSERT_RE =
  /\bINSERT[ \t]+INTO[ \t]+["`]?(?:customers?|compan(?:y|ies)|organi[sz]ations?|orgs?|tenants?|accounts?|clients?)["`]?[ \t]*\(([^()\n]{1,400})\)[ \t]*VALUES[ \t]*\(/gi;
const SQL_NAME_COLS = /^(?:name|display_name|company|company_name|legal_name|full_name|contact_name|org_name|customer_name|email)$/i;

function sqlInsert(eng: RuleHost, m: Match, line: string): HandlerResult {
  const cols = (m[1] as string).split(',').map((c) => c.trim().replace(/["`]/g, ''));
  let i = m.index + m[0].length;
  let out = line.slice(m.index, i);
  for (let k = 0; k < cols.length && i < line.length; k++) {
    while (line[i] === ' ') {
      out += ' ';
      i++;
    }
    let e = i;
    if (line[i] === "'") {
      e = i + 1;
      while (e < line.length && !(line[e] === "'" && line[e + 1] !== "'")) e += line[e] === "'" ? 2 : 1;
      e++;
    } else while (e < line.length && line[e] !== ',' && line[e] !== ')') e++;
    const v = line.slice(i, e);
    out += SQL_NAME_COLS.test(cols[k] as string) && v.startsWith("'") && v.length > 2 ? `'${eng.mark('customer-identity')}'` : v;
    i = e;
    if (line[i] !== ',') break;
    out += ',';
    i++;
  }
  return [out, i];
}

export const SQL_CUSTOMER_RULE: Rule = {
  needs: { lits: ['INSERT', 'insert'] },
  gate: (l) => l.includes('INSERT') || l.includes('insert'),
  re: SQL_INSERT_RE,
  handle: sqlInsert,
};
