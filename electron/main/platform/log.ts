/**
 * The logging surface main's modules depend on. pino's Logger satisfies it;
 * tests pass a recorder. Keeping it this narrow means no module needs pino.
 */
export interface LogFn {
  (details: object, message: string): void;
  (message: string): void;
}

export interface MainLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}
