import { useChatStore } from '../../state';
import type { MediaEnv } from './mediaLinks';

/** The host's media route and abilities; null until app:info has answered. */
export function useMediaEnv(): MediaEnv | null {
  const mediaBaseUrl = useChatStore((s) => s.appInfo?.mediaBaseUrl ?? null);
  const canOpenFiles = useChatStore((s) => s.appInfo?.canOpenFiles ?? false);
  return mediaBaseUrl === null ? null : { mediaBaseUrl, canOpenFiles };
}
