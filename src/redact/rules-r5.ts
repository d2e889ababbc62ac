/**
 * The fifth red team's rule families (test/helpers/redact-redteam5*.js), grouped by where they
 * stand in the rule order (rules.ts): secrets in argv framings and customer names in dumps
 * before the e-mail rule, display names before it too (they need the `<addr>` unchanged),
 * paths after the home and system path rules.
 */
import type { Rule } from './rules.js';
import { ARGV_SECRET_RULE, STDIN_SECRET_RULE } from './argv-secrets.js';
import { CAPABILITY_PATH_RULE } from './capability-paths.js';
import { CUSTOMER_FORM_RULE, SQL_CUSTOMER_RULE } from './customer-forms.js';
import { ADDRESS_OBJECT_RULE, DISPLAY_NAME_RULE } from './people.js';
import { USER_PATH_RULE } from './user-paths.js';
import { PK_HEX_RULE, WALLET_CALL_HEX_RULE } from './hex-names.js';
import { QUOTED_BASE64_RULE, TUNNEL_INFO_ID_RULE } from './quoted-base64.js';
import { CUT_MNEMONIC_RULE } from './mnemonic-wrap.js';

/** Before the e-mail rule: argv secrets, stdin misuse, capability URLs, customer and people names. */
export const R5_CONTEXT_RULES: Rule[] = [
  PK_HEX_RULE,
  WALLET_CALL_HEX_RULE,
  TUNNEL_INFO_ID_RULE,
  QUOTED_BASE64_RULE,
  ARGV_SECRET_RULE,
  STDIN_SECRET_RULE,
  CAPABILITY_PATH_RULE,
  CUSTOMER_FORM_RULE,
  SQL_CUSTOMER_RULE,
  DISPLAY_NAME_RULE,
  ADDRESS_OBJECT_RULE,
];
/** After the system path rule: the other roots a name shows under. */
export const R5_PATH_RULES: Rule[] = [USER_PATH_RULE, CUT_MNEMONIC_RULE];
