import { resolve } from 'node:path';
import pino from 'pino';
import { parseCliOptions } from './cliOptions';
import { RendererMissingError, startWebHost } from './webHost';

/** `npm run web -- --server <url> --port <p> --data <dir>`: one person's chat in a browser. */
async function main(): Promise<void> {
  let options;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  let host;
  try {
    host = await startWebHost({
      serverUrl: options.server,
      port: options.port,
      dataDir: resolve(options.data),
      logger,
    });
  } catch (error) {
    if (error instanceof RendererMissingError) console.error(error.message);
    else logger.fatal({ err: error }, 'the web host could not start');
    process.exit(1);
  }

  console.log(`\nOpen ${host.url}\n(Only this browser link can drive the chat; it changes on every launch.)\n`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'forced exit');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'web host shutting down');
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
