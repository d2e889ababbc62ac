/**
 * Anything shaped like a b3iq credential, checksum or not (argv guard, scanners). A module
 * with no imports: the argv guard runs on every start, before anything heavy loads.
 */
export const CREDENTIAL_SHAPE_RE = /b3iq_(local|support|gateway|setup|session)_[0-9A-Za-z]{16,}/;
