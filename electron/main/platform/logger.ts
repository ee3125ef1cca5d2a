import { mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';

const ROTATE_AT_BYTES = 5 * 1024 * 1024;

/**
 * pino to stdout and to a file in the user's log folder (a packaged app on
 * Windows or macOS has no terminal). Plain streams, no worker transports:
 * workers would need extra files unpacked from asar. The file is rotated once
 * at start-up so it cannot grow without bound.
 */
export function createMainLogger(options: { logFile: string; level?: string | undefined; stdout?: NodeJS.WritableStream }): Logger {
  const level = validLevel(options.level ?? process.env.OPENCHAT_LOG_LEVEL);
  const streams: pino.StreamEntry[] = [{ stream: options.stdout ?? process.stdout, level }];
  try {
    mkdirSync(dirname(options.logFile), { recursive: true });
    rotateIfLarge(options.logFile);
    // Synchronous: the log is small, and the lines written while quitting are the ones most worth keeping.
    streams.push({ stream: pino.destination({ dest: options.logFile, sync: true }), level });
  } catch (error) {
    console.error('OpenChat: cannot write the log file', options.logFile, error);
  }
  return pino({ name: 'openchat-main', level }, pino.multistream(streams));
}

/** An unknown level would make pino throw at start-up; a typo in an environment variable must not stop the app. */
function validLevel(value: string | undefined): pino.Level {
  return value !== undefined && Object.hasOwn(pino.levels.values, value) ? (value as pino.Level) : 'info';
}

function rotateIfLarge(file: string): void {
  try {
    if (statSync(file).size > ROTATE_AT_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No file yet: nothing to rotate.
  }
}
