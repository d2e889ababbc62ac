/**
 * Credentials that tools read from variables whose names say nothing secret:
 * - Bundler's per-host credentials, `BUNDLE_<HOST>` with the host's dots written `__`
 *   (`BUNDLE_GEMS__CONTRIBSYS__COM=user:pass`, Sidekiq Pro/Enterprise's gem server);
 * - SonarQube's `sonar.login` / `SONAR_LOGIN`, which holds a token, not a user name.
 * In every assignment form: `K: v`, `K=v`, `export K = "v"`, `K := v`, `K ::= v`, `K ?= v`.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { isStandIn } from './values.js';

const TOOL_CREDENTIAL_RE =
  /(?<![\w.])(?:BUNDLE_[A-Z0-9_]*[A-Z0-9]__[A-Z0-9]+(?:__[A-Z0-9]+)*|SONAR[._]LOGIN|sonar\.login)(["']?[ \t]*(?::{1,3}=|\?=|[:=])[ \t]*["']?)([^\s"'`;&|]+)/g;

export const TOOL_CREDENTIAL_RULE: Rule = {
  gate: (l) => l.includes('BUNDLE_') || l.includes('SONAR') || l.includes('sonar.'),
  re: TOOL_CREDENTIAL_RE,
  handle: (eng: RuleHost, m: Match): HandlerResult => {
    const value = m[2] as string;
    if (value.startsWith('[REDACTED') || isStandIn(value)) return null;
    const head = m[0].length - value.length;
    return [m[0].slice(0, head) + eng.mark(m[0].startsWith('BUNDLE_') ? 'password' : 'api-key'), m.index + m[0].length];
  },
};
