/** What a public payload must not expose, by category, and the one-line reason for each. */
export const PUBLIC_CATEGORIES = [
  'raw-prompt-output',
  'credential',
  'token-hash',
  'customer-identity',
  'private-route',
  'request-log',
  'local-url',
  'filesystem-path',
  'tunnel',
  'connector',
  'tee-quote',
  'certificate-chain',
  'duplicate-key',
] as const;
export type PublicCategory = (typeof PUBLIC_CATEGORIES)[number];

export interface PublicViolation {
  /** JSONPath of the offending value, e.g. `$.node.endpoints[0].url`. */
  path: string;
  category: PublicCategory;
  message: string;
}
export interface PublicCheckResult {
  ok: boolean;
  violations: PublicViolation[];
}

/** Messages name the rule, never the value. */
export const CATEGORY_MESSAGES: Record<PublicCategory, string> = {
  'raw-prompt-output': 'raw prompts or model outputs are not public',
  credential: 'credentials and secrets are not public',
  'token-hash': 'token hashes are not public',
  'customer-identity': 'customer identity is not public',
  'private-route': 'exact private routes are not public',
  'request-log': 'private request logs are not public',
  'local-url': 'local runtime URLs are not public',
  'filesystem-path': 'filesystem paths are not public',
  tunnel: 'tunnel ids and tunnel tokens are not public',
  connector: 'connector details are not public',
  'tee-quote': 'raw TEE quotes are not public (publish a digest or verdict instead)',
  'certificate-chain': 'certificate chains are not public',
  'duplicate-key': 'the key appears more than once in this object: readers disagree on which value counts',
};
