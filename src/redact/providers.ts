/**
 * Provider token formats, as data. Token formats with a fixed prefix or structure are
 * public facts (each provider documents its own); these are the families the common secret
 * scanners cover. Each shape names its literal prefixes; one scan of a line for all the
 * prefixes at once finds the few places worth a full match, so a clean line costs one
 * regex pass however many shapes there are.
 */
import type { Category } from './patterns.js';
import { asksToBeFilledIn, gitlabMadeUp, isAwsDocumentationKeyId, isHandMadeToken, isMadeUpJwt } from './stand-ins.js';

export interface TokenShape {
  id: string;
  category: Category;
  /** Literal prefixes, case-sensitive. */
  prefixes: string[];
  /** The whole token from the prefix on (anchored there); the end is checked by a lookahead. */
  body: string;
  /**
   * For a one-letter prefix: what must follow it (a lookahead inside the scan), so the many
   * words starting with that letter cost the scan nothing more.
   */
  lead?: string;
  /** Extra validation of the matched token (a checksum, a required character class). */
  valid?: (token: string) => boolean;
  /** For a prefix found inside the token: the characters the token may have before it. */
  back?: RegExp;
  /** A token of the right form that is a published or hand-made example (not marked). */
  example?: (token: string) => boolean;
  /**
   * Word characters the prefix may be glued to (`MY_tskey-…`, `somSG.…`): a prefix and
   * structure distinctive enough to be found inside a longer word.
   */
  glue?: RegExp;
}

const END = '(?![A-Za-z0-9_-])';
const ENDB64 = '(?![A-Za-z0-9+/=_-])';
const hasDigit = (t: string): boolean => /\d/.test(t);
const mixed = (t: string): boolean => /\d/.test(t) && /[A-Za-z]/.test(t);

const s = (id: string, category: Category, prefixes: string[], body: string, valid?: (t: string) => boolean): TokenShape =>
  valid ? { id, category, prefixes, body, valid } : { id, category, prefixes, body };
/** A shape whose prefix sits inside the token, after characters of class `back`. */
const inner = (shape: TokenShape, back: RegExp): TokenShape => ({ ...shape, back });
/** A shape whose matches may be documentation examples (the provider's or the SDKs'). */
const examples = (shape: TokenShape, example: (t: string) => boolean): TokenShape => ({ ...shape, example });
/** A shape whose prefix may follow word characters of class `glue` (found without a word boundary). */
const glued = (shape: TokenShape, glue: RegExp): TokenShape => ({ ...shape, glue });
/** Letters of both cases (or a digit) in the part after the prefix: not an all-caps word. */
const hasLower = (t: string): boolean => /[a-z]/.test(t.slice(3));
/** Digits, capitals and small letters: a random token, not a word. */
const dense = (t: string): boolean => /\d/.test(t) && /[A-Z]/.test(t) && /[a-z]/.test(t);

export const TOKEN_SHAPES: TokenShape[] = [
  // b3iq's own tokens when URL-encoded (b3iq%5Flocal%5F…) or base64-wrapped (base64 of `b3iq_local_` …)
  s('b3iq-url-encoded', 'local-key', ['b3iq%5F', 'b3iq%5f'], `b3iq%5[Ff](?:local|support|gateway|setup|session)%5[Ff][0-9A-Za-z]{8,}`),
  s('b3iq-base64-local', 'local-key', ['YjNpcV9sb2NhbF'], `YjNpcV9sb2NhbF[A-Za-z0-9+/]{8,}={0,2}${ENDB64}`),
  s('b3iq-base64-support', 'support-grant', ['YjNpcV9zdXBwb3J0X'], `YjNpcV9zdXBwb3J0X[A-Za-z0-9+/]{8,}={0,2}${ENDB64}`),
  s('b3iq-base64-gateway', 'gateway-key', ['YjNpcV9nYXRld2F5X'], `YjNpcV9nYXRld2F5X[A-Za-z0-9+/]{8,}={0,2}${ENDB64}`),
  s('b3iq-base64-setup', 'setup-token', ['YjNpcV9zZXR1cF'], `YjNpcV9zZXR1cF[A-Za-z0-9+/]{8,}={0,2}${ENDB64}`),
  // Cloud providers
  examples(
    s('aws-access-key', 'aws-access-key', ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], `(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}${END}`),
    isAwsDocumentationKeyId,
  ),
  s('aws-bedrock', 'api-key', ['ABSK'], `ABSK[A-Za-z0-9+/]{109,269}={0,2}${ENDB64}`),
  // short-lived Bedrock keys: the base64 of `bedrock.amazonaws.com/…` (a presigned URL)
  s('aws-bedrock-short', 'api-key', ['bedrock-api-key-'], `bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]*={0,2}${ENDB64}`),
  examples(s('gcp-api-key', 'api-key', ['AIza'], `AIza[0-9A-Za-z_-]{35}${END}`), isHandMadeToken),
  s('gcp-oauth-access', 'api-key', ['ya29.'], `ya29\\.[0-9A-Za-z_-]{20,}${END}`),
  s('gcp-oauth-secret', 'api-key', ['GOCSPX-'], `GOCSPX-[0-9A-Za-z_-]{28}${END}`),
  inner(s('azure-ad-client-secret', 'api-key', ['Q~'], `[a-zA-Z0-9_~.]{3}\\dQ~[a-zA-Z0-9_~.-]{31,34}(?![a-zA-Z0-9_~.-])`), /[a-zA-Z0-9_~.]/),
  s(
    'azure-storage-key',
    'api-key',
    ['AccountKey=', 'SharedAccessKey=', 'SharedAccessSignature='],
    `(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{20,}={0,2}|SharedAccessSignature=[^;\\s"']+`,
  ),
  s('digitalocean', 'api-key', ['dop_v1_', 'doo_v1_', 'dor_v1_'], `do[por]_v1_[a-f0-9]{64}${END}`),
  s('alibaba', 'api-key', ['LTAI'], `LTAI[A-Za-z0-9]{20}${END}`),
  s('ibm-cloud-iam', 'api-key', ['ApiKey-'], `ApiKey-[a-f0-9-]{36}${END}`),
  s('heroku', 'api-key', ['HRKU-'], `HRKU-AA[0-9a-zA-Z_-]{58}${END}`),
  s('flyio', 'api-key', ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'], `(?:fo1_[\\w-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,}={0,3}|fm2_[a-zA-Z0-9+/]{100,}={0,3})${ENDB64}`),
  s('cloudflare', 'cloudflare-token', ['cfut_', 'cfat_', 'cfk_'], `cf(?:ut|at|k)_[A-Za-z0-9_-]{30,48}${END}`),
  s('cloudflare-origin-ca', 'cloudflare-token', ['v1.0-'], `v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}${END}`),
  glued(s('tailscale', 'api-key', ['tskey-'], `tskey-[A-Za-z0-9_-]{20,}${END}`), /[0-9_]/),
  s('vault', 'api-key', ['hvs.', 'hvb.', 'hvr.'], `hv[sbr]\\.[\\w-]{20,}${END}`),
  // Vault's legacy service tokens: `s.` and 24 random characters (not a call: `s.Method1Name…(`)
  s('vault-legacy', 'api-key', ['s.'], `s\\.[A-Za-z0-9]{24}(?![\\w.(-])`, dense),
  inner(s('terraform', 'api-key', ['.atlasv1.'], `[a-zA-Z0-9]{14}\\.atlasv1\\.[a-zA-Z0-9_=-]{60,70}${END}`), /[a-zA-Z0-9]/),
  s('doppler', 'api-key', ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'], `dp\\.(?:pt|st|ct|sa|scim|audit)\\.[a-zA-Z0-9_.-]{40,}${END}`),
  s('vercel', 'api-key', ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], `vc[picrka]_[A-Za-z0-9]{24,}${END}`, mixed),
  s('pulumi', 'api-key', ['pul-'], `pul-[a-f0-9]{40}${END}`),
  s('planetscale', 'api-key', ['pscale_'], `pscale_(?:tkn|oauth|pw)_[\\w=.-]{32,64}${END}`),
  s('databricks', 'api-key', ['dapi'], `dapi[a-fA-F0-9]{32}(?:-\\d)?${END}`),
  s('dynatrace', 'api-key', ['dt0c01.'], `dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}${END}`),
  s('clickhouse', 'api-key', ['4b1d'], `4b1d[A-Za-z0-9]{38}${END}`, mixed),
  s('scalingo', 'api-key', ['tk-us-'], `tk-us-[\\w-]{48}${END}`),
  s('openshift', 'api-key', ['sha256~'], `sha256~[\\w-]{43}${END}`),
  // Code hosting and package registries
  // a GitHub App installation token may carry its installation id and a JWT (`ghs_12345_eyJ…`)
  s(
    'github',
    'github-token',
    ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    `gh[pousr]_(?:[A-Za-z0-9]{20,}|\\d{1,12}_eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)${END}`,
  ),
  s('github-fine-grained', 'github-token', ['github_pat_'], `github_pat_[A-Za-z0-9_]{22,}`),
  // GitLab: each kind's documented length as a minimum (a longer or prefixed body is still the token);
  // outside the lengths a kind comes in, a body made by hand of words is a test string (gitlabMadeUp)
  examples(
    s(
      'gitlab',
      'api-key',
      ['glpat-', 'gldt-', 'glft-', 'glsoat-', 'glrt-', 'glffct-'],
      `(?:glpat-[\\w-]{20}(?:[\\w-]{7,280}\\.[0-9a-z]{9})?|gl(?:dt|ft|soat|ffct)-[\\w-]{20,300}|glrt-(?:t\\d_)?[\\w-]{20,300}(?:\\.[0-9a-z]{9})?)${END}`,
    ),
    gitlabMadeUp,
  ),
  examples(
    s(
      'gitlab-long',
      'api-key',
      ['glimt-', 'glagent-', 'gloas-', 'glptt-', 'glcbt-'],
      `(?:glimt-[\\w-]{25,300}|glagent-[\\w-]{50,300}|gloas-[\\w-]{64,300}|glptt-[\\w-]{40,300}|glcbt-[\\w-]{20,300})${END}`,
    ),
    gitlabMadeUp,
  ),
  examples(s('gitlab-runner-registration', 'api-key', ['GR1348941'], `GR1348941[\\w-]{20,300}${END}`), gitlabMadeUp),
  // Mailchimp: 32 hex, then the datacenter (`-us18`)
  inner(s('mailchimp', 'api-key', ['-us'], `[0-9a-f]{32}-us\\d{1,2}${END}`), /[0-9a-f]/),
  s('npm', 'api-key', ['npm_'], `npm_[A-Za-z0-9]{36}${END}`),
  s('pypi', 'api-key', ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], `pypi-AgE[A-Za-z0-9_-]{50,}`),
  s('rubygems', 'api-key', ['rubygems_'], `rubygems_[a-f0-9]{48}${END}`),
  s('clojars', 'api-key', ['CLOJARS_'], `CLOJARS_[a-z0-9]{60}${END}`),
  s('nuget', 'api-key', ['oy2'], `oy2[a-z0-9]{43}${END}`, hasDigit),
  s('artifactory', 'api-key', ['AKCp', 'cmVmd'], `(?:AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})${END}`),
  // Artifactory API keys (`AKC…`) and encrypted passwords (`AP` and a hex digit), shorter forms
  s(
    'artifactory-short',
    'api-key',
    ['AKC', ...'0123456789ABCDEF'.split('').map((h) => `AP${h}`)],
    `(?:AKC[A-Za-z0-9]{10,}|AP[0-9A-F][A-Za-z0-9]{8,})${END}`,
    hasLower,
  ),
  s('sonarqube', 'api-key', ['sqp_', 'sqa_', 'squ_'], `sq[pau]_[A-Za-z0-9]{40}${END}`, hasDigit),
  examples(s('sourcegraph', 'api-key', ['sgp_'], `sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}${END}`), isHandMadeToken),
  s('atlassian', 'api-key', ['ATATT3', 'ATCTT3'], `AT[AC]TT3[A-Za-z0-9_=-]{150,}${END}`),
  s('bitbucket-app', 'api-key', ['ATBB'], `ATBB[A-Za-z0-9_=.-]{28,}${END}`),
  s('linear', 'api-key', ['lin_api_', 'lin_oauth_'], `lin_(?:api|oauth)_[A-Za-z0-9]{40,}${END}`),
  s('postman', 'api-key', ['PMAK-'], `PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}${END}`),
  s('readme', 'api-key', ['rdme_'], `rdme_[a-z0-9]{70}${END}`),
  s('prefect', 'api-key', ['pnu_'], `pnu_[a-zA-Z0-9]{36}${END}`),
  s('infracost', 'api-key', ['ico-'], `ico-[a-zA-Z0-9]{32}${END}`),
  s('octopus', 'api-key', ['API-'], `API-[A-Z0-9]{26}${END}`, hasDigit),
  s('harness', 'api-key', ['pat.', 'sat.'], `[ps]at\\.[a-zA-Z0-9_-]{22}\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{20}${END}`),
  s('buildkite', 'api-key', ['bkua_'], `bkua_[a-f0-9]{40}${END}`),
  examples(
    s('sentry', 'api-key', ['sntrys_', 'sntryu_'], `(?:sntrys_eyJ[a-zA-Z0-9+/]{40,}={0,2}_[a-zA-Z0-9+/]{43}|sntryu_[a-f0-9]{64})${END}`),
    isHandMadeToken,
  ),
  // AI providers
  // Anthropic: `sk-ant-api03-` / `sk-ant-admin01-`, 93 characters, then `AA`
  s('anthropic', 'api-key', ['sk-ant-'], `sk-ant-[a-z]+\\d{2}-[A-Za-z0-9_-]{93}AA${END}`),
  s('openai', 'api-key', ['sk-'], `sk-(?!ant-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}`),
  s('huggingface', 'api-key', ['hf_', 'api_org_'], `(?:hf_[A-Za-z]{34}|api_org_[A-Za-z]{34})${END}`),
  s('groq', 'api-key', ['gsk_'], `gsk_[A-Za-z0-9]{52}${END}`),
  s('replicate', 'api-key', ['r8_'], `r8_[A-Za-z0-9]{37}${END}`),
  s('xai', 'api-key', ['xai-'], `xai-[A-Za-z0-9]{70,}${END}`),
  s('perplexity', 'api-key', ['pplx-'], `pplx-[a-zA-Z0-9]{48}${END}`),
  s('langsmith', 'api-key', ['lsv2_pt_', 'lsv2_sk_'], `lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}${END}`),
  // Messaging and mail
  // Slack: bot/user/legacy tokens are `xox?-<team digits>-…-<alnum>`; a config token's body is long
  s(
    'slack',
    'slack-token',
    ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe-', 'xoxe.'],
    `(?:xox[bpos]-\\d{4,}(?:-[A-Za-z0-9]+)*-(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{8,}|xox[are]-[A-Za-z0-9-]{10,}|xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{60,})${END}`,
  ),
  s('slack-app', 'slack-token', ['xapp-'], `xapp-\\d-[A-Za-z0-9]+-\\d+-[A-Za-z0-9]+`),
  s('slack-webhook', 'slack-token', ['hooks.slack.com/'], `hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_+-]+`),
  // a bot token: the base64 of a numeric user id (M…, N…, O…: 24 to 26 characters), a
  // 6-character timestamp and an HMAC, dot-separated; the prefix is one letter, so the
  // structure (and a digit among the letters) decides
  {
    ...s('discord-bot', 'api-key', ['M', 'N', 'O'], `[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}${END}`, mixed),
    lead: '[MNO](?=[A-Za-z0-9_-]{23,25}\\.)',
  },
  s('discord-webhook', 'api-key', ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'], `discord(?:app)?\\.com/api/webhooks/\\d+/[\\w-]{60,}`),
  inner(s('teams-webhook', 'api-key', ['.webhook.office.com/'], `[a-z0-9-]+\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@/-]{60,}`), /[a-z0-9-]/),
  s('sendgrid', 'api-key', ['SG.'], `SG\\.(?:[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}|[A-Za-z0-9=_.-]{66})${END}`),
  // its exact form (SG.<22>.<43>) is distinctive enough to be found glued to a word
  glued(s('sendgrid-glued', 'api-key', ['SG.'], `SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}`), /[A-Za-z0-9_]/),
  s('sendinblue', 'api-key', ['xkeysib-', 'xsmtpsib-'], `x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}${END}`),
  s('mailgun', 'api-key', ['key-'], `key-[a-f0-9]{32}${END}`, hasDigit),
  s('twilio', 'api-key', ['SK'], `SK[0-9a-fA-F]{32}${END}`, mixed),
  // Facebook app access token: the app id, `|`, the app secret
  inner(s('facebook-app-token', 'api-key', ['|'], `\\d{15,16}\\|[A-Za-z0-9_-]{27,40}${END}`, mixed), /[0-9]/),
  inner(s('telegram-bot', 'api-key', [':AA'], `\\d{8,10}:AA[0-9A-Za-z_-]{33}${END}`), /[0-9]/),
  s('notion', 'api-key', ['ntn_', 'secret_'], `(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})${END}`),
  s('intercom', 'api-key', ['dG9rOm'], `dG9rOm[A-Za-z0-9+/]{40,}={0,2}${ENDB64}`),
  // Payments and commerce
  s(
    'stripe',
    'stripe-key',
    ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_', 'whsec_'],
    `(?:[sr]k_(?:live|test|prod)_[A-Za-z0-9]{24,}|whsec_[A-Za-z0-9]{20,})`,
  ),
  s('shopify', 'api-key', ['shpat_', 'shpss_', 'shpca_', 'shppa_'], `shp(?:at|ss|ca|pa)_[a-zA-Z0-9]{32,}${END}`),
  s('square', 'api-key', ['sq0atp-', 'sq0csp-', 'EAAA'], `(?:sq0atp-|sq0csp-|EAAA)[\\w-]{22,60}${END}`, mixed),
  s('flutterwave', 'api-key', ['FLWSECK', 'FLWPUBK'], `FLW(?:SECK|PUBK)(?:_TEST)?-[a-hA-H0-9]{12,32}(?:-X)?${END}`),
  s('shippo', 'api-key', ['shippo_live_', 'shippo_test_'], `shippo_(?:live|test)_[a-fA-F0-9]{40}${END}`),
  s('easypost', 'api-key', ['EZAK', 'EZTK'], `EZ[AT]K[A-Za-z0-9]{54}${END}`),
  s('duffel', 'api-key', ['duffel_live_', 'duffel_test_'], `duffel_(?:test|live)_[A-Za-z0-9_=-]{43}${END}`),
  s('coinbase-cdp', 'api-key', ['organizations/'], `organizations/[0-9a-f-]{36}/apiKeys/[0-9a-f-]{36}`),
  s('plaid', 'api-key', ['access-sandbox-', 'access-development-', 'access-production-'], `access-(?:sandbox|development|production)-[0-9a-f-]{36}${END}`),
  s('adobe', 'api-key', ['p8e-'], `p8e-[A-Za-z0-9]{32}${END}`),
  // Social, content, misc.
  s('facebook', 'api-key', ['EAAC', 'EAAM'], `EAA[MC][A-Za-z0-9]{100,}${END}`),
  s('twitter-bearer', 'api-key', ['AAAAAAAAAAAAAAAAAAAAA'], `A{20,}[A-Za-z0-9%]{30,}${END}`, mixed),
  s('contentful', 'api-key', ['CFPAT-'], `CFPAT-[A-Za-z0-9_-]{43}${END}`),
  s('frameio', 'api-key', ['fio-u-'], `fio-u-[A-Za-z0-9_=-]{64}${END}`),
  s(
    'grafana',
    'api-key',
    ['eyJrIjoi', 'glc_', 'glsa_'],
    `(?:eyJrIjoi[A-Za-z0-9]{70,400}={0,3}|glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})${ENDB64}`,
  ),
  s('new-relic', 'api-key', ['NRAK-', 'NRJS-', 'NRII-', 'NRAA-'], `NR(?:AK|JS|II|AA)-[A-Za-z0-9]{19,32}${END}`),
  s('typeform', 'api-key', ['tfp_'], `tfp_[a-zA-Z0-9_.=-]{59}${END}`),
  s('dropbox', 'api-key', ['sl.'], `sl\\.[A-Za-z0-9_-]{130,}${END}`),
  s('mapbox', 'api-key', ['sk.eyJ'], `sk\\.eyJ[A-Za-z0-9_-]{50,}\\.[A-Za-z0-9_-]{20,}${END}`),
  s('1password-secret-key', 'secret', ['A3-'], `A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}${END}`),
  s('1password-service-account', 'api-key', ['ops_eyJ'], `ops_eyJ[a-zA-Z0-9+/]{250,}={0,3}${ENDB64}`),
  s('age-secret-key', 'private-key', ['AGE-SECRET-KEY-1'], `AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`),
  // BIP-32 extended private keys (wallets: xprv mainnet, tprv testnet, y/z/Y/Z/u/v/U/V for other
  // script types): base58, 111 characters; the prefix and length are distinctive enough alone
  s(
    'bip32-extended-private-key',
    'private-key',
    ['xprv', 'tprv', 'yprv', 'zprv', 'uprv', 'vprv', 'Yprv', 'Zprv', 'Uprv', 'Vprv'],
    `[xtyzuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{107,108}${END}`,
  ),
  s(
    'authress',
    'api-key',
    ['sc_', 'ext_', 'scauth_', 'authress_'],
    `(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\\.[a-z0-9]{4,6}\\.acc[_-][a-z0-9-]{10,32}\\.[a-z0-9+/_=-]{30,120}`,
  ),
  inner(s('maxmind', 'api-key', ['_mmk'], `[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk${END}`), /[A-Za-z0-9_]/),
  s('settlemint', 'api-key', ['sm_aat_', 'sm_pat_', 'sm_sat_'], `sm_[aps]at_[a-zA-Z0-9]{16}${END}`),
  s('airtable', 'api-key', ['pat'], `pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}${END}`),
  s('intra42', 'api-key', ['s-s4t2ud-', 's-s4t2af-'], `s-s4t2(?:ud|af)-[a-f0-9]{64}${END}`),
  // SoftLayer's SOAP endpoint carries the API key in its path
  s('softlayer-url', 'api-key', ['api.softlayer.com/'], `api\\.softlayer\\.com/(?:soap|rest|xmlrpc)/v3(?:\\.1)?/[A-Za-z0-9]{64}${END}`),
  // a JWT whose header is not `{"` (`{ "…`): two base64 JSON objects and a signature
  s('jwt-any', 'jwt', ['ey'], `ey[A-Za-z0-9_-]{17,}\\.ey[A-Za-z0-9_/-]{17,}\\.[A-Za-z0-9_/-]{10,}={0,2}${END}`, (t) => !isMadeUpJwt(t)),
];

interface CompiledShape {
  shape: TokenShape;
  re: RegExp;
}

const escapeRe = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled: CompiledShape[] = TOKEN_SHAPES.map((shape) => ({ shape, re: new RegExp(shape.body, 'y') }));
const allPrefixes = [...new Set(TOKEN_SHAPES.flatMap((t) => t.prefixes))].sort((a, b) => b.length - a.length);
/** The prefix lists behind the two scans (exported: the prefilter scans them as tries). */
export const startPrefixes = allPrefixes.filter((p) => TOKEN_SHAPES.some((t) => !t.back && !t.glue && !t.lead && t.prefixes.includes(p)));
export const leads = TOKEN_SHAPES.flatMap((t) => (t.lead ? [t.lead] : []));
export const innerPrefixes = allPrefixes.filter((p) => TOKEN_SHAPES.some((t) => (t.back || t.glue) && t.prefixes.includes(p)));

/**
 * Every prefix that starts a token, at a word boundary: the one pass a clean line pays for
 * (`\b` keeps V8's scan fast; a lookbehind or a per-character loop costs three times as much).
 * Longest first, so `sk-ant-` wins over `sk-`.
 */
export const PREFIX_RE = new RegExp(`\\b(?:${[...startPrefixes.map(escapeRe), ...leads].join('|')})`, 'g');
/** Prefixes found inside their token (`…Q~…`, `….atlasv1.…`) or glued to a word (`MY_tskey-…`): a second, small scan. */
export const INNER_PREFIX_RE = new RegExp(innerPrefixes.map(escapeRe).join('|'), 'g');

/** For each prefix the scan can report: the shapes to try there (its own, then those of its own prefixes). */
const SHAPES_BY_PREFIX = new Map<string, CompiledShape[]>();
for (const p of allPrefixes) {
  const own = compiled.filter((c) => c.shape.prefixes.includes(p));
  const shorter = compiled.filter((c) => !own.includes(c) && c.shape.prefixes.some((q) => q !== p && p.startsWith(q)));
  SHAPES_BY_PREFIX.set(p, [...own, ...shorter]);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * `xoxb-xxxxxxxxx-xxxxxxxxxx`, `ghp_XXXXXXXX…`: a documentation placeholder, not a token. A
 * random body of 12+ characters has many distinct characters; one made of a few repeated
 * filler characters is a placeholder.
 */
function isPlaceholder(token: string, bodyStart: number): boolean {
  const body = token.slice(bodyStart);
  if (body.length < 12) return false;
  const counts = new Map<string, number>();
  for (const ch of body) if (/[A-Za-z0-9]/.test(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  if (counts.size >= 6) return false;
  // Documentation fills with x, X, 0 or 1; a body of other repeated letters (`sk_test_BBBB…`,
  // `tskey-api-AAAA…-BBBB…`) is what the peers' suites call a true positive: mark it.
  let top = '';
  for (const [ch, n] of counts) if (top === '' || n > (counts.get(top) ?? 0)) top = ch;
  return 'xX01'.includes(top);
}

/** A token-like run that ends in a file extension (`ico-7a38….png`). */
const FILE_EXT_RE = /^[\w-]+\.(?:png|jpe?g|gif|svg|ico|webp|css|js|map|woff2?|html?)\b/;

export interface TokenMatch {
  start: number;
  end: number;
  shape: TokenShape;
}

/** The provider token whose prefix the scan found at `at` (prefix `prefix`), or null. */
export function tokenAt(line: string, at: number, prefix: string): TokenMatch | null {
  const shapes = SHAPES_BY_PREFIX.get(prefix);
  if (!shapes) return null;
  for (const { shape, re } of shapes) {
    let start = at;
    if (shape.back) {
      while (start > 0 && shape.back.test(line[start - 1] as string)) start--;
    }
    const prev = start > 0 ? (line[start - 1] as string) : '';
    // inside a longer word (unless the shape may be glued to this character)
    if (prev !== '' && (isAlnum(prev.charCodeAt(0)) || (shape.glue && prev === '_')) && !shape.glue?.test(prev)) continue;
    if (prev === '.' && FILE_EXT_RE.test(line.slice(at, at + 200))) continue; // `video_box.ico-<hash>.png`: a file name
    re.lastIndex = start;
    const m = re.exec(line);
    if (m === null || (shape.back && start + m[0].length <= at)) continue;
    if ((shape.valid && !shape.valid(m[0])) || isPlaceholder(m[0], at - start + prefix.length) || asksToBeFilledIn(m[0])) continue;
    if (shape.example?.(m[0])) return null; // an example of this very shape: no other shape's token either
    return { start, end: start + m[0].length, shape };
  }
  return null;
}

/** The first provider token anywhere in `s` (for checks that only need a yes/no and a name). */
export function findToken(s: string): TokenMatch | null {
  for (const source of [PREFIX_RE.source, INNER_PREFIX_RE.source]) {
    const re = new RegExp(source, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const t = tokenAt(s, m.index, m[0]);
      if (t) return t;
    }
  }
  return null;
}

/**
 * Whether a value runs on past every token its prefix's forms allow (`hf_` and 40 letters,
 * where a token has 34): a part of it already is a whole token's form, and the rest is more.
 * A documentation mask that long is no token's written form, only a mask.
 */
export function outrunsTokenForm(value: string): boolean {
  STICKY_PREFIX.lastIndex = 0;
  const m = STICKY_PREFIX.exec(value);
  if (m === null) return false;
  const shapes = SHAPES_BY_PREFIX.get(m[0]) ?? [];
  for (const { re } of shapes) {
    re.lastIndex = 0;
    const t = re.exec(value);
    if (t !== null && t[0].length === value.length) return false;
  }
  for (let k = value.length - 1; k > m[0].length; k--) {
    const head = value.slice(0, k);
    for (const { re } of shapes) {
      re.lastIndex = 0;
      const t = re.exec(head);
      if (t !== null && t[0].length === head.length) return true;
    }
  }
  return false;
}
const STICKY_PREFIX = new RegExp(`(?:${startPrefixes.map(escapeRe).join('|')})`, 'y');

/** The category of a value that is, as a whole, a provider token. */
export function tokenCategory(value: string): Category | null {
  const t = findToken(value);
  return t && t.start === 0 && t.end === value.length ? t.shape.category : null;
}

/** Whether a whole value is a provider token of a known form that is only a documentation example. */
export function isExampleToken(value: string): boolean {
  for (const [p, shapes] of EXAMPLE_SHAPES_BY_PREFIX) {
    if (!value.startsWith(p)) continue;
    for (const { shape, re } of shapes) {
      re.lastIndex = 0;
      const m = re.exec(value);
      if (m !== null && m[0].length === value.length && shape.example!(value)) return true;
    }
  }
  return false;
}
/** The few prefixes whose shapes know their documentation examples (isExampleToken runs per keyed value). */
const EXAMPLE_SHAPES_BY_PREFIX = new Map(
  [...SHAPES_BY_PREFIX].map(([p, shapes]) => [p, shapes.filter((c) => c.shape.example !== undefined)] as const).filter(([, shapes]) => shapes.length > 0),
);
