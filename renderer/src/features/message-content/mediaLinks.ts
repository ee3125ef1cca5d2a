import { BLOB_HASH } from '../../../../shared/domain';

/** Where this build loads media from (app:info). */
export interface MediaEnv {
  mediaBaseUrl: string;
  canOpenFiles: boolean;
}

/**
 * How a blob can be reached: `local` through the host's media route (our
 * server's content hashes), `external` as a plain link for other servers'
 * UUIDs that come with an http(s) URL, `none` when neither is safe.
 */
export type MediaSource =
  | { kind: 'local'; uuid: string; src: string; download: (name: string) => string }
  | { kind: 'external'; href: string }
  | { kind: 'none' };

export function mediaSource(env: MediaEnv | null, uuid: string | undefined, url: string | undefined): MediaSource {
  if (env && uuid && BLOB_HASH.test(uuid)) {
    const src = `${env.mediaBaseUrl}${encodeURIComponent(uuid)}`;
    return { kind: 'local', uuid, src, download: (name) => `${src}?download=${encodeURIComponent(name)}` };
  }
  const href = url ? safeHref(url) : null;
  if (href && !href.startsWith('mailto:')) return { kind: 'external', href };
  return { kind: 'none' };
}

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The URL normalised if it is http, https or mailto; null for anything else (javascript:, file:, data:…). */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** OpenStreetMap centred on the point, with a marker. */
export function mapHref(latitude: number, longitude: number): string {
  const lat = latitude.toFixed(6);
  const lon = longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}
