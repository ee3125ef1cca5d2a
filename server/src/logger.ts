import pino from 'pino';

export type Logger = pino.Logger;
export type LogLevel = pino.LevelWithSilent;

/**
 * Plain pino to stdout. No transports: they start worker threads that load
 * files by path, which breaks once the server is bundled into the Electron app.
 */
export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { service: 'openchat-server' } });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
