/**
 * A value whose secret name stands beside it rather than before it (config-forms.ts reads the
 * plain `"name": "…", "value": "…"` pair; these are its other spellings):
 * - a pair under another name key or in another order: `{"key":"api_key","value":"…"}`,
 *   `{ field: 'X-Auth-Token', value: '…' }`, `{"value":"…","Name":"password"}`,
 *   `{"name":"Cookie","values":["…"]}`, JSON-escaped in a log's message too;
 * - a value one level under a secret key: `{"db_password":{"value":"…"}}`, Terraform's
 *   `{"name":"admin_password","sensitive":true,"value":"…"}` and any object that says
 *   `"sensitive": true` about its own `"value"`; under a key naming a connection string, DSN,
 *   URI or kubeconfig, a value that reads as a credential (`{"connection_string":{"value":"…"}}`);
 * - XML that names the key in an attribute or a sibling element: Java properties
 *   `<entry key="db.password">…</entry>`, Spring `<prop key="…">`, Hadoop
 *   `<property><name>…</name><value>…</value></property>`, .NET `<setting name="…"><value>…`,
 *   `<env name="…" value="…"/>`, `<Parameter name="…" value="…"/>`.
 */
import { namedValueCategory } from './config-forms.js';
import { SECRET_CATS } from './dumps.js';
import { classifyKey } from './key-names.js';
import type { Category } from './patterns.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { isSecretValue } from './values.js';
import { readsAsCredential } from './prose-secrets.js';

/** A quote, maybe JSON-escaped. */
const Q = `\\\\?["']`;
const NAME_KEYS = `(?:name|Name|NAME|key|Key|field|header|parameter|param)`;
/** An object member's name: quoted (maybe escaped) or bare. */
const member = (k: string): string => `(?:${Q})?${k}(?:${Q})?[ \\t]*:[ \\t]*`;
/** A scalar value in quotes (group), then its closing quote. */
const QV = (g: string): string => `(${Q})(${g})\\`;
const NAME_VAL = `[^"'\\\\\\n]{1,80}`;
const VAL = `[^"'\\\\\\n]{1,1024}`;

/** name…value and value…name in one object, any quoting (no `{`/`}` between: the same object). */
const PAIR_RE = new RegExp(
  [
    `${member(NAME_KEYS)}${Q}(${NAME_VAL})${Q}[^{}\\n]{0,200}?${member('values?')}\\[?[ \\t]*${QV(VAL)}2`,
    `${member('values?')}\\[?[ \\t]*${QV(VAL)}4[^{}\\n]{0,200}?${member(NAME_KEYS)}${Q}(${NAME_VAL})${Q}`,
  ].join('|'),
  'g',
);

/** The category a pair's name gives its value (header names, cookies, secret keys), secrets only. */
function pairCategory(name: string): Category | null {
  const cat = namedValueCategory(name) ?? classifyKey(name);
  return cat !== null && SECRET_CATS.has(cat) ? cat : null;
}

function markValue(eng: RuleHost, m: Match, cat: Category | null, v: string, key: string): HandlerResult {
  if (cat === null || v.includes('[REDACTED') || !isSecretValue(cat, key, v)) return null;
  const start = m.index + m[0].lastIndexOf(v);
  return [eng.mark(cat), start + v.length, start];
}

export const PAIR_RULE: Rule = {
  needs: { lits: ['value', 'Value'] },
  gate: (l) => l.includes('alue'),
  re: PAIR_RE,
  handle: (eng, m) => {
    const name = (m[1] ?? m[6]) as string;
    const v = (m[3] ?? m[5]) as string;
    return markValue(eng, m, pairCategory(name), v, name);
  },
};

/** `"secret_key": { … "value": "…" }` (no nested object before the value). */
const PARENT_RE = new RegExp(`${Q}([\\w.-]{2,80})${Q}[ \\t]*:[ \\t]*\\{[^{}\\n]{0,200}?${member('value')}${QV(VAL)}2`, 'g');

/** A key naming a connection string or its kin: what sits under it holds the credentials. */
const CONNECTION_KEY_RE = /(?:^|[_.-])(?:connection[_-]?string|conn(?:ection)?[_-]?str|dsn|database[_-]?url|db[_-]?url|uri|kubeconfig|kube[_-]?config)$/i;

/** Under a connection key, a bare value that reads as a credential (a URL, path or `k=v;` list is left to its own rules). */
function connectionCategory(key: string, v: string): Category | null {
  if (!CONNECTION_KEY_RE.test(key) || /[=;@\s]/.test(v)) return null;
  return readsAsCredential(v) ? 'secret' : null;
}

export const PARENT_VALUE_RULE: Rule = {
  needs: { lits: ['value'] },
  gate: (l) => l.includes('value') && l.includes('{'),
  re: PARENT_RE,
  handle: (eng, m, line) => {
    const key = m[1] as string;
    // a Terraform output says `"sensitive": true` about its own value, whatever it is called
    const sensitive =
      /sensitive\\?"?[ \t]*:[ \t]*true/.test(m[0]) || /sensitive\\?"?[ \t]*:[ \t]*true/.test(line.slice(m.index + m[0].length, m.index + m[0].length + 80));
    const v = m[3] as string;
    const named = pairCategory(key);
    const cat = named ?? (sensitive ? 'secret' : connectionCategory(key, v));
    return markValue(eng, m, cat, v, sensitive || named === null ? 'secret' : key);
  },
};

/** `{"name":"admin_password","sensitive":true,"value":"…"}` is a PAIR; this is the `"sensitive": true` object with another name. */
const SENSITIVE_RE = new RegExp(`${member('sensitive')}true[^{}\\n]{0,200}?${member('value')}${QV(VAL)}1`, 'g');

export const SENSITIVE_VALUE_RULE: Rule = {
  needs: { lits: ['sensitive'] },
  gate: (l) => l.includes('sensitive') && l.includes('value'),
  re: SENSITIVE_RE,
  handle: (eng, m) => markValue(eng, m, 'secret', m[2] as string, 'secret'),
};

/** XML naming its key in an attribute or a sibling element. */
const XML_RE = new RegExp(
  [
    // <entry key="k">v</entry>, <item name="k">v</item>, <void property="k"><string>v</string>
    `<(\\w[\\w:.-]*)[ \\t][^<>]*?\\b(?:key|name|property)=${Q}([\\w.:-]{2,80}|\\[REDACTED:[a-z-]+\\])${Q}[^<>]*>(?:[ \\t]*<(?:string|value)>)?([^<>\\n]{1,1024})<`,
    // <env name="k" value="v"/>, <Parameter name="k" value="v" …/>
    `<\\w[\\w:.-]*[ \\t][^<>]*?\\bname=${Q}([\\w.:-]{2,80})${Q}[^<>]*?\\bvalue=(${Q})([^"'<>\\n]{1,1024})\\5`,
    // <name>k</name><value>v</value>
    `<name>([\\w.:-]{2,80})</name>[ \\t]*<value>([^<>\\n]{1,1024})</value>`,
  ].join('|'),
  'g',
);

export const XML_NAMED_RULE: Rule = {
  needs: { lits: ['key=', 'name=', 'property=', '<name>'] },
  gate: (l) => l.includes('<') && (l.includes('key=') || l.includes('name=') || l.includes('property=') || l.includes('<name>')),
  re: XML_RE,
  handle: (eng, m) => {
    const key = (m[2] ?? m[4] ?? m[7]) as string;
    const v = ((m[3] ?? m[6] ?? m[8]) as string).trim();
    if (v === '') return null;
    // the keyed pass took `key="…"` for a secret and marked the name: the text is judged by its looks
    if (key.startsWith('[REDACTED:')) return readsAsCredential(v) ? markValue(eng, m, 'secret', v, 'secret') : null;
    return markValue(eng, m, pairCategory(key), v, key);
  },
};

export const NAMED_VALUE_RULES: Rule[] = [PAIR_RULE, PARENT_VALUE_RULE, SENSITIVE_VALUE_RULE, XML_NAMED_RULE];
