/**
 * Rules by context rather than by key: secrets given on command lines, cloudflared's tunnel
 * and connector ids in its own log formats, and people named in e-mail headers.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';

/**
 * `docker login -p X`, `… login --password X`, `aws configure set aws_secret_access_key X`,
 * `az login -p X`, `helm repo add … --password X` (the flag forms with a key name are the
 * keyed pass's; these have no key the keyed pass can see).
 */
const COMMAND_SECRET_RE =
  /(?<=\b(?:login|registry|repo add|push|pull)\b[^\n]{0,200}?[ \t]-p[ \t]+)[^\s'"-][^\s'"]*|(?<=\baws[ \t]+configure[ \t]+set[ \t]+(?:[\w.-]*\.)?(?:aws_secret_access_key|aws_session_token|aws_access_key_id)[ \t]+)[^\s'"]+/g;

function commandSecret(eng: RuleHost, m: Match): HandlerResult {
  const end = m.index + m[0].length;
  if (m[0].startsWith('[REDACTED:')) return [m[0], end]; // a shape rule got there first
  return [eng.mark('password'), end];
}

export const COMMAND_SECRET_RULE: Rule = {
  needs: { lits: ['-p', 'configure'] },
  gate: (l) => (l.includes(' -p ') || l.includes('configure')) && (l.includes('login') || l.includes('aws') || l.includes('repo') || l.includes('registry')),
  re: COMMAND_SECRET_RE,
  handle: commandSecret,
};

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/**
 * cloudflared: `Generated Connector ID: <uuid>`, `Starting tunnel tunnelID=<uuid>`,
 * `Registered tunnel connection connIndex=0 connection=<uuid>`, `tunnel <uuid> created`,
 * `credentials-file: /etc/cloudflared/<uuid>.json`.
 */
const TUNNEL_ID_RE = new RegExp(
  `(?<=\\b(?:[Cc]onnector|[Tt]unnel|TUNNEL|CONNECTOR)(?:[ _-]?(?:ID|Id|id|UUID|uuid))?(?:[ \\t]*[:=][ \\t]*|[ \\t]+)["']?)${UUID}|(?<=cloudflared/)${UUID}(?=\\.json)`,
  'g',
);

/** What the first branch's lookbehind must find (`[Cc]onnector|[Tt]unnel|TUNNEL|CONNECTOR`). */
const TUNNEL_WORDS = ['unnel', 'onnector', 'UNNEL', 'ONNECTOR'];

function tunnelId(eng: RuleHost, m: Match, line: string): HandlerResult {
  const before = line.slice(Math.max(0, m.index - 24), m.index).toLowerCase();
  const connector = before.includes('connector') || before.includes('connection');
  return [eng.mark(connector ? 'connector' : 'tunnel'), m.index + m[0].length];
}

export const TUNNEL_ID_RULE: Rule = {
  needs: { hints: true, lits: ['cloudflared/'] },
  // the hint (`conn`, `tunnel`) is on every `Connection …` line: the regex also needs the word its lookbehind reads
  gate: (l, hints) => (hints.tunnelHint && TUNNEL_WORDS.some((w) => l.includes(w))) || l.includes('cloudflared/'),
  re: TUNNEL_ID_RE,
  handle: tunnelId,
};

/**
 * Any UUID in a line that is cloudflared's own (it names the binary, a tunnel, `connIndex=`,
 * or a `tunnel list` row's `2xams01` colo counts): tunnel, connector and account ids in every
 * format cloudflared prints (`tunnel run <uuid>`, `Created tunnel x with id <uuid>`, JSON
 * logs, credential files).
 */
const CLOUDFLARED_LINE_RE = /\bcloudflared\b|\bconnIndex\b|\b[Tt]unnel|TUNNEL|\b\d+x[a-z]{3}\d{2}\b/;
const ANY_UUID_RE = new RegExp(`(?<![0-9A-Za-z])${UUID}(?![0-9A-Za-z])`, 'g');

const REQUEST_ID_BEFORE_RE = /(?:(?:req(?:uest)?|trace|span|correlation)[_-]?id[\\"']*\s*[:=]|\bjob)\s*[\\"']*$/i;

export const CLOUDFLARED_UUID_RULE: Rule = {
  // (the colo count's regex starts with a literal `x`, which V8 scans for fast)
  needs: { lits: ['cloudflared', 'connIndex', 'unnel', 'UNNEL'], test: /x[a-z]{3}\d\d\b/ },
  gate: (l) => CLOUDFLARED_LINE_RE.test(l),
  re: ANY_UUID_RE,
  // a request or trace id keeps its value even on a cloudflared line (`request_id=<uuid>`, `X-Request-Id: <uuid>`)
  handle: (eng, m, line) => (REQUEST_ID_BEFORE_RE.test(line.slice(Math.max(0, m.index - 20), m.index)) ? null : tunnelId(eng, m, line)),
};

/**
 * `From: Dana Whitcombe <dana@…>`, `To: ops@x, "Whitcombe, Dana" <dana@…>`, `{"reply-to":"Dana W <…>"}`,
 * `Author: …`: each display name in the address list is the customer's; the addresses are
 * pseudonymised by the e-mail rule. The header may stand anywhere in a line (after a log prefix,
 * `> ` of a quoted reply, as a JSON key).
 */
const MAIL_HEADER_RE =
  /(?<![\w-])(?:From|To|Cc|Bcc|Reply-To|Sender|Delivered-To|Return-Path|Resent-From|Resent-To|Author|Committer|Signed-off-by|Co-authored-by)(?:\\?["'])?[ \t]*:[ \t]*/gi;
/** Addresses read after one header. */
const MAIL_LIST_MAX = 32;

function mailNames(eng: RuleHost, m: Match, line: string): HandlerResult {
  let i = m.index + m[0].length;
  let out = line.slice(m.index, i);
  let pos = i;
  let any = false;
  for (let n = 0; n < MAIL_LIST_MAX && i < line.length; n++) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let from = i;
    let to = -1;
    // a quoted display name: `"Last, First"` (or `\"…\"` inside a JSON string), then `<`
    const q = line[i] === '\\' && line[i + 1] === '"' ? 2 : line[i] === '"' ? 1 : 0;
    if (q > 0) {
      const close = line.indexOf(q === 2 ? '\\"' : '"', i + q);
      const lt = close < 0 ? -1 : line.indexOf('<', close);
      if (close > 0 && lt >= 0 && line.slice(close + q, lt).trim() === '') {
        from = i + q;
        to = close;
        i = lt;
      } else from = i += q; // a JSON string's opening quote: the list is inside it
    }
    if (to < 0) {
      let k = i;
      while (k < line.length && line[k] !== '<' && line[k] !== ',' && line[k] !== '"' && line[k] !== '>') k++;
      if (line[k] !== '<') {
        if (line[k] !== ',') break;
        i = k + 1; // a bare address, or a name without one: the next in the list
        continue;
      }
      to = k;
      while (to > from && (line[to - 1] === ' ' || line[to - 1] === '\t')) to--;
      i = k;
    }
    const name = line.slice(from, to);
    if (/\p{L}/u.test(name) && !name.startsWith('[')) {
      out += line.slice(pos, from) + eng.mark('customer-identity');
      pos = to;
      any = true;
    }
    const gt = line.indexOf('>', i);
    if (gt < 0) break;
    i = gt + 1;
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] !== ',') break;
    i++;
  }
  return any ? [out + line.slice(pos, i), i] : null;
}

export const MAIL_HEADER_RULE: Rule = {
  needs: { lits: ['<'] },
  gate: (l) => l.includes('<') && l.includes(':'),
  re: MAIL_HEADER_RE,
  handle: mailNames,
};

/** A mail library's address object (`{"name":"Dana Whitcombe","address":"dana@…"}`, also `\"`-escaped): the name. */
const MAIL_OBJECT_NAME_RE = /(?<=\\?"name\\?"[ \t]*:[ \t]*\\?")[^"\\\n]{1,128}(?=\\?"[ \t]*,[ \t]*\\?"(?:address|email)\\?")/g;

export const MAIL_OBJECT_RULE: Rule = {
  needs: { lits: ['"name'] },
  gate: (l) => l.includes('"name') && (l.includes('"address') || l.includes('"email')),
  re: MAIL_OBJECT_NAME_RE,
  handle: (eng, m) => [eng.mark('customer-identity'), m.index + m[0].length],
};

/** A b3iq record's token hash (`"hash":"sha256:…"`): kept out of bundles like the token itself. */
const RECORD_HASH_RE = /(?<=["']?(?:hash|keyHash|tokenHash|secretHash)["']?[ \t]*[:=][ \t]*["']?)sha256:[0-9a-f]{64}(?![0-9a-f])/g;

export const RECORD_HASH_RULE: Rule = {
  needs: { lits: ['sha256:'] },
  gate: (l) => l.includes('sha256:') && l.includes('ash'),
  re: RECORD_HASH_RE,
  handle: (eng, m) => [eng.mark('token-hash'), m.index + m[0].length],
};
