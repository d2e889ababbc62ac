/**
 * The sixth red team's rule families (test/helpers/redact-redteam6*.js), in the rule order
 * right after the fifth's context rules (rules.ts): escaped framings decoded and read again.
 */
import type { Rule } from './rules.js';
import { MONGO_SHELL_RULE, REDIS_AUTH_RULE, SQL_INSERT_RULE, SQL_LITERAL_RULE } from './db-statements.js';
import { REG_VALUE_RULE, SECURE_STRING_RULE } from './windows-forms.js';
import { ERROR_SECRET_RULE } from './error-secrets.js';
import { COOKIE_JAR_RULE, DEVTOOLS_COOKIE_RULE } from './cookie-jars.js';
import { QUERY_SECRET_RULE } from './query-secrets.js';
import { CHAT_TURN_RULE } from './chat-turns.js';
import { BACKSLASH_HEX_RULE, CSV_ESCAPED_RULE, CSV_QUOTED_RULE, ENTITY_RULE } from './escaped-views.js';

export const R6_RULES: Rule[] = [
  CSV_QUOTED_RULE,
  CSV_ESCAPED_RULE,
  ENTITY_RULE,
  BACKSLASH_HEX_RULE,
  SQL_LITERAL_RULE,
  SQL_INSERT_RULE,
  MONGO_SHELL_RULE,
  REDIS_AUTH_RULE,
  SECURE_STRING_RULE,
  REG_VALUE_RULE,
  ERROR_SECRET_RULE,
  COOKIE_JAR_RULE,
  DEVTOOLS_COOKIE_RULE,
  QUERY_SECRET_RULE,
  CHAT_TURN_RULE,
];
