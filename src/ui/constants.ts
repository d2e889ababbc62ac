/** Where `b3iq ui` listens by default, on 127.0.0.1, and where setup URLs point by default. */
export const DEFAULT_UI_PORT = 7317;
export const DEFAULT_UI_BASE = `http://127.0.0.1:${DEFAULT_UI_PORT}`;
