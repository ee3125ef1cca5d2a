import pino from 'pino';
import { type Logger } from '../logger';

/** A logger that keeps every line as parsed JSON, for tests that assert on what was (not) logged. */
export function capturingLogger(level: pino.LevelWithSilent = 'debug'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}
