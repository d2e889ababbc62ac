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

function tunnelId(eng: RuleHost, m: Match, line: string): HandlerResult {
  const before = line.slice(Math.max(0, m.index - 24), m.index).toLowerCase();
  return [eng.mark(before.includes('connector') ? 'connector' : 'tunnel'), m.index + m[0].length];
}

export const TUNNEL_ID_RULE: Rule = {
  needs: { hints: true, lits: ['cloudflared/'] },
  gate: (l, hints) => hints.tunnelHint || l.includes('cloudflared/'),
  re: TUNNEL_ID_RE,
  handle: tunnelId,
};

/** `From: Dana Whitcombe <dana@…>`: the name is the customer's; the address is pseudonymised by the e-mail rule. */
const MAIL_HEADER_RE = /^(?:From|To|Cc|Bcc|Reply-To|Sender|Delivered-To|Return-Path)[ \t]*:[ \t]*("?)([^<>"\n]*[A-Za-z][^<>"\n]*?)\1[ \t]*(?=<)/gi;

function mailName(eng: RuleHost, m: Match): HandlerResult {
  const name = m[2] as string;
  const nameAt = m[0].indexOf(name, m[0].indexOf(':') + 1);
  return [m[0].slice(0, nameAt) + eng.mark('customer-identity') + m[0].slice(nameAt + name.length), m.index + m[0].length];
}

export const MAIL_HEADER_RULE: Rule = {
  needs: { lits: ['<'] },
  gate: (l) => l.includes('<') && l.includes(':'),
  re: MAIL_HEADER_RE,
  handle: mailName,
};

/** A b3iq record's token hash (`"hash":"sha256:…"`): kept out of bundles like the token itself. */
const RECORD_HASH_RE = /(?<=["']?(?:hash|keyHash|tokenHash|secretHash)["']?[ \t]*[:=][ \t]*["']?)sha256:[0-9a-f]{64}(?![0-9a-f])/g;

export const RECORD_HASH_RULE: Rule = {
  needs: { lits: ['sha256:'] },
  gate: (l) => l.includes('sha256:') && l.includes('ash'),
  re: RECORD_HASH_RE,
  handle: (eng, m) => [eng.mark('token-hash'), m.index + m[0].length],
};
