/**
 * The logging surface the core needs: a pino-compatible subset, so hosts can pass a
 * pino logger (or anything shaped like one) and tests a silent or recording one.
 */
export interface CoreLogFn {
  (message: string): void;
  (context: object, message?: string): void;
}

export interface CoreLogger {
  debug: CoreLogFn;
  info: CoreLogFn;
  warn: CoreLogFn;
  error: CoreLogFn;
}

const noop: CoreLogFn = () => {};

export const silentLogger: CoreLogger = { debug: noop, info: noop, warn: noop, error: noop };
