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
export function createMainLogger(options: { logFile: string; level?: string }): Logger {
  const level = options.level ?? process.env.OPENCHAT_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [{ stream: process.stdout, level: level as pino.Level }];
  try {
    mkdirSync(dirname(options.logFile), { recursive: true });
    rotateIfLarge(options.logFile);
    streams.push({ stream: pino.destination({ dest: options.logFile, sync: false }), level: level as pino.Level });
  } catch (error) {
    console.error('OpenChat: cannot write the log file', options.logFile, error);
  }
  return pino({ name: 'openchat-main', level }, pino.multistream(streams));
}

function rotateIfLarge(file: string): void {
  try {
    if (statSync(file).size > ROTATE_AT_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No file yet: nothing to rotate.
  }
}
