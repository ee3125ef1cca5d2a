import { parseArgs } from 'node:util';
import { z } from 'zod';

const CliOptions = z.object({
  server: z.url({ protocol: /^https?$/, error: '--server must be an http(s) URL, e.g. http://127.0.0.1:8080' }),
  port: z.coerce
    .number({ error: '--port must be a number' })
    .int()
    .min(0, '--port must be 0 (any free port) or 1–65535')
    .max(65535, '--port must be 0 (any free port) or 1–65535'),
  data: z.string().min(1, '--data must name a folder'),
});
export type CliOptions = z.infer<typeof CliOptions>;

export const USAGE = 'Usage: npm run web -- --server <url> [--port <port, 0 = any free>] [--data <folder>]';

/** Parses `--server`, `--port` and `--data`; throws an Error with a readable message on bad input. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        server: { type: 'string' },
        port: { type: 'string', default: '0' },
        data: { type: 'string', default: '.data/web-host' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  const parsed = CliOptions.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.path[0] === 'server' && values.server === undefined ? '--server is required' : issue.message,
    );
    throw new Error(`${problems.join('\n')}\n${USAGE}`);
  }
  return parsed.data;
}
