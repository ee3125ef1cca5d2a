import type { ManagedConfig } from '../policy/managedConfig';
import type { MainArgs } from './mainArgs';
import { normalizeServerUrl } from './serverUrl';

export type ServerChoice =
  | { kind: 'configured'; url: string; source: 'managed-config' | 'argument' | 'environment' }
  | { kind: 'embedded' };

/**
 * Which server the app offers by default. IT's managed config beats the
 * command line and environment (policy over preference); with none of them
 * the app starts its embedded server (D2).
 */
export function chooseServer(managed: ManagedConfig | null, args: MainArgs): ServerChoice {
  const managedUrl = normalizeServerUrl(managed?.serverUrl);
  if (managedUrl) return { kind: 'configured', url: managedUrl, source: 'managed-config' };
  if (args.serverUrl && args.serverUrlSource) return { kind: 'configured', url: args.serverUrl, source: args.serverUrlSource };
  return { kind: 'embedded' };
}
