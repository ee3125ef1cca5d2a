import { normalizeServerUrl } from './serverUrl';

export const SERVER_URL_ENV = 'OPENCHAT_SERVER_URL';

export interface MainArgs {
  /** From `--server <url>` / `--server=<url>`, else OPENCHAT_SERVER_URL; null when neither is given. */
  serverUrl: string | null;
  serverUrlSource: 'argument' | 'environment' | null;
  /** Given but unusable values, for the log; they are ignored rather than guessed at. */
  problems: string[];
}

/**
 * Reads main's own switches. Electron and Chromium switches, the app path and
 * `openchat://` deep links share argv, so anything that is not ours is skipped.
 */
export function parseMainArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): MainArgs {
  const problems: string[] = [];
  const fromArg = findSwitch(argv, 'server');
  if (fromArg !== undefined) {
    const url = normalizeServerUrl(fromArg);
    if (url) return { serverUrl: url, serverUrlSource: 'argument', problems };
    problems.push(`--server "${fromArg}" is not an http(s) address; ignoring it.`);
  }
  const fromEnv = env[SERVER_URL_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const url = normalizeServerUrl(fromEnv);
    if (url) return { serverUrl: url, serverUrlSource: 'environment', problems };
    problems.push(`${SERVER_URL_ENV}="${fromEnv}" is not an http(s) address; ignoring it.`);
  }
  return { serverUrl: null, serverUrlSource: null, problems };
}

/** The value of `--name=value` or `--name value` (last one wins, as with most CLIs); undefined when absent. */
function findSwitch(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === `--${name}`) {
      const next = argv[i + 1];
      value = next !== undefined && !next.startsWith('--') ? next : '';
      if (value !== '') i += 1;
    } else if (arg?.startsWith(`--${name}=`)) {
      value = arg.slice(name.length + 3);
    }
  }
  return value;
}
