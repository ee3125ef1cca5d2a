import { join } from 'node:path';
import { z } from 'zod';

/**
 * D6 preview: the machine-wide configuration IT deploys with the app. Today
 * only `serverUrl` takes effect (it replaces the embedded server). Locking the
 * field, hiding registration, the update URL and turning off updates are
 * parsed and logged so a deployment can be prepared; the enterprise issue
 * enforces them.
 */
export const ManagedConfig = z.object({
  serverUrl: z.url({ protocol: /^https?$/, error: 'serverUrl must be an http(s) address.' }).optional(),
  lockServerUrl: z.boolean().optional(),
  allowRegistration: z.boolean().optional(),
  autoUpdate: z.boolean().optional(),
  updateUrl: z.url({ protocol: /^https$/, error: 'updateUrl must be an https address.' }).optional(),
});
export type ManagedConfig = z.output<typeof ManagedConfig>;

export const MANAGED_CONFIG_FILE = 'managed-config.json';

/**
 * Where IT puts the file, most specific first. Only machine-wide, admin-owned
 * places: a policy a user could write would be no policy. The copy beside the
 * app's resources is what an MSI/NSIS switch or image build can write.
 */
export function managedConfigPaths(options: {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  resourcesPath: string | null;
}): string[] {
  const paths: string[] = [];
  if (options.platform === 'win32') {
    paths.push(join(options.env.ProgramData ?? 'C:\\ProgramData', 'OpenChat', MANAGED_CONFIG_FILE));
  } else if (options.platform === 'darwin') {
    paths.push(join('/Library/Application Support/OpenChat', MANAGED_CONFIG_FILE));
  } else {
    paths.push(join('/etc/openchat', MANAGED_CONFIG_FILE));
  }
  if (options.resourcesPath) paths.push(join(options.resourcesPath, MANAGED_CONFIG_FILE));
  return paths;
}

export type ManagedConfigResult =
  | { kind: 'absent' }
  | { kind: 'loaded'; path: string; config: ManagedConfig; ignoredKeys: string[] }
  | { kind: 'invalid'; path: string; problem: string };

export function parseManagedConfig(text: string, path: string): ManagedConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', path, problem: 'not valid JSON' };
  }
  const parsed = ManagedConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'invalid', path, problem: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  const known = new Set(Object.keys(ManagedConfig.shape));
  const ignoredKeys = Object.keys(raw as object).filter((key) => !known.has(key) && !key.startsWith('$'));
  return { kind: 'loaded', path, config: parsed.data, ignoredKeys };
}

/** The first file that exists wins; `readFile` returns null for a missing file. */
export async function loadManagedConfig(
  paths: readonly string[],
  readFile: (path: string) => Promise<string | null>,
): Promise<ManagedConfigResult> {
  for (const path of paths) {
    const text = await readFile(path);
    if (text !== null) return parseManagedConfig(text, path);
  }
  return { kind: 'absent' };
}
