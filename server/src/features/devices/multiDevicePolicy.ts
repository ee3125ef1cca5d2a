import { z } from 'zod';
import { type Platform } from '../../../../shared/protocol';

/**
 * A5: Tencent's multi-terminal login policies (seed, "多端登录"):
 * - single: Android, iPhone, iPad, Windows, Mac, Web — only one platform online;
 * - dual (default): one of Android, iPhone, iPad, Windows, Mac online; Web may be online beside it;
 * - triple: one of Android, iPhone, iPad; one of Windows, Mac; and Web;
 * - multi: every platform at once.
 * Within a platform, at most `instancesPerPlatform` devices (Tencent: 1 by default, "Android and Android kick each
 * other"; more for its advanced edition) and at most `webInstances` Web devices (configurable by everyone). Linux and
 * Unknown, which Tencent does not list, count as desktop platforms. When a login exceeds the policy the OLDEST
 * conflicting devices are pushed out, as Tencent's last-login-wins kick does.
 */
export const MultiDeviceMode = z.enum(['single', 'dual', 'triple', 'multi']);
export type MultiDeviceMode = z.infer<typeof MultiDeviceMode>;

export interface MultiDevicePolicy {
  mode: MultiDeviceMode;
  /** Devices of one non-Web platform online at once (≥ 1). */
  instancesPerPlatform: number;
  /** Web devices online at once (≥ 1). */
  webInstances: number;
}

/** The seed's default: dual platform, one device per platform, one Web. */
export const DEFAULT_MULTI_DEVICE_POLICY: MultiDevicePolicy = { mode: 'dual', instancesPerPlatform: 1, webInstances: 1 };

/** What {@link policy} checks each connected device by. */
export interface PolicyDevice {
  id: string;
  platform: Platform;
  /** Unix milliseconds; the oldest goes first. */
  connectedSince: number;
}

const MOBILE: ReadonlySet<Platform> = new Set<Platform>(['Android', 'iPhone']);

/**
 * The platform group of a platform under a mode: within one group only one
 * platform may be online at a time (a login on another platform of the group
 * pushes it out).
 */
export function platformGroup(mode: MultiDeviceMode, platform: Platform): string {
  switch (mode) {
    case 'single':
      return 'all';
    case 'dual':
      return platform === 'Web' ? 'web' : 'native';
    case 'triple':
      if (platform === 'Web') return 'web';
      return MOBILE.has(platform) ? 'mobile' : 'desktop';
    case 'multi':
      return platform;
  }
}

/**
 * The devices a new login on `incoming` pushes out: every device of another
 * platform in the same group, and the oldest devices of the same platform
 * beyond its instance limit (counting the newcomer). `existing` excludes the
 * newcomer; the result is oldest first.
 */
export function devicesToKick(policy: MultiDevicePolicy, existing: readonly PolicyDevice[], incoming: Platform): PolicyDevice[] {
  const group = platformGroup(policy.mode, incoming);
  const ordered = [...existing].sort((a, b) => a.connectedSince - b.connectedSince);
  const otherPlatform = ordered.filter((device) => device.platform !== incoming && platformGroup(policy.mode, device.platform) === group);
  const samePlatform = ordered.filter((device) => device.platform === incoming);
  const limit = incoming === 'Web' ? policy.webInstances : policy.instancesPerPlatform;
  const overLimit = samePlatform.slice(0, Math.max(0, samePlatform.length + 1 - limit));
  const kicked = new Set([...otherPlatform, ...overLimit]);
  return ordered.filter((device) => kicked.has(device));
}
