/**
 * `b3iq-operator/ui`: the local operator UI as a request handler, mountable in any node:http
 * server beside the runtime's own routes. It needs no CLI: it calls the library.
 */
export { operatorUI } from './app.js';
export type { OperatorUIOptions, OperatorUIHandler, Next } from './app.js';
export { DEFAULT_UI_PORT } from './constants.js';
export { limitServer } from './request.js';
