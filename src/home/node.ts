import { B3iqError } from '../core/errors.js';
import { readFileNoFollow } from '../fs/files.js';
import { homeFile } from './paths.js';
import { corrupt, parseVersioned } from './records-io.js';

/** The node's identity (node.json), written once by init. */
export const NODE_SCHEMA_VERSION = 1;

export interface NodeDoc {
  schemaVersion: number;
  nodeId: string;
  createdAt: string;
}

export function validateNode(file: string, doc: Record<string, unknown>): NodeDoc {
  if (typeof doc.nodeId !== 'string' || typeof doc.createdAt !== 'string') throw corrupt(file, 'bad node identity');
  return doc as unknown as NodeDoc;
}

export function notInitialised(home: string, what = 'config'): B3iqError {
  return new B3iqError('E_NOT_INITIALISED', `No b3iq ${what} at ${home}.`, { next: 'init' });
}

export function readNode(home: string): NodeDoc {
  const file = homeFile(home, 'node');
  const r = readFileNoFollow(file);
  if (!r) throw notInitialised(home);
  return validateNode(file, parseVersioned(file, r.data, NODE_SCHEMA_VERSION));
}
