import * as fs from 'node:fs';
import type { B3iqError } from '../core/errors.js';
import { errnoCode } from '../core/errors.js';

export interface UserFileErrors {
  /** The open failed (errno code, never the path-carrying message). */
  cannotOpen(code: string): B3iqError;
  isDirectory(): B3iqError;
}

/**
 * Opens a file the user named, the one way: O_NONBLOCK (a FIFO never blocks the open),
 * fstat on the open descriptor (no race with a rename), a directory refused and closed.
 * The caller owns the returned descriptor: a regular file is read with a bound, anything
 * else (a pipe, a device) as a stream.
 */
export function openUserFile(full: string, errors: UserFileErrors): { fd: number; stat: fs.Stats } {
  let fd: number;
  try {
    fd = fs.openSync(full, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (e) {
    throw errors.cannotOpen(errnoCode(e) ?? 'error');
  }
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  if (stat.isDirectory()) {
    fs.closeSync(fd);
    throw errors.isDirectory();
  }
  return { fd, stat };
}
