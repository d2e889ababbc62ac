/**
 * b3iq-operator as a library: the same code the `b3iq` CLI runs on. The node runtime
 * imports this and never shells out (docs/contract.md, the library section).
 */
export { openStore, NodeStore as Store } from './owner/node-store.js';
export type { NodeStoreOptions as StoreOptions } from './owner/node-store.js';
export { initHome } from './credentials/store.js';
export type { InitTarget } from './credentials/store.js';
export type { VerifyResult, VerifyReason, Issued, IssueLocalKeyInput, IssueSupportGrantInput, RevokeResult } from './credentials/store.js';
export type { CredentialView, CredentialKind, CredentialState } from './credentials/records.js';
export { resolveHome } from './home/paths.js';
export { B3iqError, ExitCode, ErrorCodes } from './core/errors.js';
export type { ErrorCode } from './core/errors.js';
export { parseToken, hashToken } from './core/tokens.js';
export type { TokenKind } from './core/tokens.js';
export { LOCAL_SCOPES, SUPPORT_SCOPES } from './core/scopes.js';
export { redact, createRedactStream, Pseudonymizer } from './redact/index.js';
export type { RedactCounts, RedactOptions } from './redact/index.js';
export { checkPublicPayload, parsePublicPayload } from './public/boundary.js';
export type { PublicCheckResult, PublicViolation } from './public/boundary.js';
export { ownerSummary, ownerSessionGeneration, assertPasswordStrength } from './owner/owner.js';
/** The former name: async now (zxcvbn-ts loads on the first check), so await it. */
export { assertPasswordStrength as checkPasswordStrength } from './owner/owner.js';
export type { OwnerSummary } from './owner/owner.js';
export { openKeychain } from './keychain/keychain.js';
export type { Keychain } from './keychain/keychain.js';
export { WORKFLOWS } from './home/enrollment.js';
export type { Enrollment, Workflow, WorkflowEnrollment } from './home/enrollment.js';
export { isSameOrigin, csrfMatches } from './owner/csrf.js';
export type { LoginResult, LoginInput, SessionCheck, SessionInvalidReason, OwnerSessionView, OwnerSessionOptions } from './owner/sessions.js';
export type { CompleteSetupInput, CompleteSetupResult } from './owner/sessions-setup.js';
export type { ThrottleOptions } from './owner/throttle.js';
