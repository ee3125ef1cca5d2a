import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CALL_LIMITS, IceServer, UserId } from '../../shared/domain';
import { DEFAULT_MULTI_DEVICE_POLICY, MultiDeviceMode } from './features/devices/multiDevicePolicy';
import { FRIEND_CUSTOM_KEY, PROFILE_CUSTOM_KEY, parseCustomFieldSetting } from './features/profiles/customFields';
import { DEFAULT_GROUP_MESSAGES_PER_SECOND } from './features/groupMessages/rateLimiter';
import { type GroupSettings, checkFieldCount, parseGroupFieldSpec, parseLimit, parseMaxMembers } from './features/groups/groupSettings';
import { DEFAULT_GROUP_QUOTAS } from '../../shared/domain';

export const DEFAULT_ADMIN = 'administrator';
export const DEFAULT_PORT = 8080;
/** Tencent's libraries default to 180 days; so do we (A2). */
export const DEFAULT_USERSIG_TTL_SECONDS = 180 * 86400;
/** M5: Tencent's 2 minutes. */
export const DEFAULT_RECALL_WINDOW_SECONDS = 120;

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export const ServerConfig = z.object({
  host: z.string().min(1),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535),
  /** Absolute path of the folder holding identity.json and server.sqlite. */
  dataDir: z.string().min(1),
  /** Overrides the SDKAppID kept in identity.json. */
  sdkAppId: z.number().int().positive().max(0xffffffff).nullable(),
  /** Overrides the secret key kept in identity.json. */
  secretKey: z.string().min(16, 'A secret key has at least 16 characters.').max(256).nullable(),
  /** App admin UserIDs: always `administrator`, plus any named. */
  admins: z.array(UserId).min(1),
  /** A1: whether anyone may register with a password. */
  registration: z.boolean(),
  userSigTtlSeconds: z.number().int().min(60).max(10 * 365 * 86400),
  logLevel: LogLevel,
  /** SQLite `synchronous`: `full` survives power loss; `normal` may lose the last commits on power loss. */
  sync: z.enum(['full', 'normal']),
  /** M5: how long after sending a sender may recall a message (0: never; at most a week). */
  recallWindowSeconds: z.number().int().min(0).max(7 * 86400),
  /** Base URL clients reach the server at, used in file URLs (M2); null: the listening address. */
  publicUrl: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'A public URL is http(s)://host[:port][/path].')
    .transform((url) => url.replace(/\/+$/, ''))
    .nullable(),
  /** A5: which platforms may be online together (Tencent's multi-terminal login policies). */
  multiDevice: MultiDeviceMode,
  /** A5: devices of one non-Web platform online at once; the oldest beyond it is pushed out. */
  instancesPerPlatform: z.number().int().min(1).max(100),
  /** A5: Web devices online at once. */
  webInstances: z.number().int().min(1).max(100),
  /** Issue 4: one-to-one messages between any two users, or between friends (both ways) only (seed table). */
  c2cPermission: z.enum(['any', 'friends']),
  /** P2: custom profile fields (≤ 20) with who may read / write them. */
  profileFields: z
    .array(z.object({ key: z.string(), read: z.array(z.enum(['app', 'admin'])), write: z.array(z.enum(['app', 'admin'])) }))
    .max(20, 'At most 20 custom profile fields.'),
  /** R4: custom friend fields. */
  friendFields: z.array(z.object({ key: z.string(), read: z.array(z.enum(['app', 'admin'])), write: z.array(z.enum(['app', 'admin'])) })),
  /** Issue 5 (G3, G6): group quotas and custom group / member fields (parsed and checked by groupSettings.ts). */
  groups: z.custom<GroupSettings>(),
  /** M15 (ADR 0004): a group's Normal-priority messages per second (Low gets half, High one and a half). */
  groupMessagesPerSecond: z.number().int().min(2).max(100_000),
  /** G5: mute-all and ApplyJoinOption changes as tips too (seed: off by default). */
  groupTips: z.boolean(),
  /** ADR 0004 §3: Work and/or Public members read what was sent before they joined (seed: configurable, off). */
  groupHistoryBeforeJoin: z.array(z.enum(['Work', 'Public'])),
  /** Issue 6 (C1): seconds an invitation rings before the invitee counts as missed. */
  callRingSeconds: z.number().int().min(1).max(600),
  /** Issue 6: seconds a joined device may be without a connection before it has left the call. */
  callReconnectGraceSeconds: z.number().int().min(1).max(600),
  /** Issue 6: STUN/TURN servers handed to clients by call:config (RTCIceServer objects); none on a LAN. */
  iceServers: z.array(IceServer).max(20),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const USAGE = `Usage: npm run server -- [options]

  --port <n>            Port to listen on; 0 picks a free one (env OPENCHAT_PORT, default ${DEFAULT_PORT})
  --host <addr>         Address to listen on (env OPENCHAT_HOST, default 127.0.0.1)
  --data <dir>          Data folder (env OPENCHAT_DATA, default .data/server)
  --sdkappid <n>        SDKAppID, overriding identity.json (env OPENCHAT_SDKAPPID)
  --secret-key <key>    Secret key, overriding identity.json (env OPENCHAT_SECRET_KEY)
  --admin <userId>      An app admin besides "${DEFAULT_ADMIN}"; repeatable (env OPENCHAT_ADMINS, comma-separated)
  --no-registration     Turn self-registration off (env OPENCHAT_REGISTRATION=off)
  --usersig-ttl <s>     Lifetime of UserSigs minted at login, seconds (env OPENCHAT_USERSIG_TTL, default ${DEFAULT_USERSIG_TTL_SECONDS})
  --public-url <url>    Base URL clients reach this server at, for file links (env OPENCHAT_PUBLIC_URL; default: the listening address)
  --recall-window-seconds <s>  How long a sender may recall a message (env OPENCHAT_RECALL_WINDOW_SECONDS, default ${DEFAULT_RECALL_WINDOW_SECONDS})
  --multi-device <mode> Which platforms may be online together: single, dual, triple or multi (env OPENCHAT_MULTI_DEVICE, default ${DEFAULT_MULTI_DEVICE_POLICY.mode})
  --instances-per-platform <n>  Devices of one platform (Windows, Mac, Linux, Android, iPhone) online at once (env OPENCHAT_INSTANCES_PER_PLATFORM, default ${DEFAULT_MULTI_DEVICE_POLICY.instancesPerPlatform})
  --web-instances <n>   Web devices online at once (env OPENCHAT_WEB_INSTANCES, default ${DEFAULT_MULTI_DEVICE_POLICY.webInstances})
  --c2c-permission <any|friends>  Who may message whom: any two users, or friends only (env OPENCHAT_C2C_PERMISSION, default any)
  --profile-field <spec>  A custom profile field Tag_Profile_Custom_<letters>[:<read>[:<write>]], read/write app, admin or
                        app+admin (default); repeatable (env OPENCHAT_PROFILE_FIELDS, comma-separated)
  --friend-field <spec> A custom friend field Tag_SNS_Custom_<letters>[:<read>[:<write>]]; repeatable (env OPENCHAT_FRIEND_FIELDS)
  --group-max-members <spec>  Members per group by type, e.g. Work=2000,Community=100000,AVChatRoom=unlimited; types left out keep
                        their default (env OPENCHAT_GROUP_MAX_MEMBERS; defaults Work, Public, Meeting 2000, Community 100000, AVChatRoom unlimited)
  --group-max-joined <n>  Groups one user may be in (env OPENCHAT_GROUP_MAX_JOINED, default ${DEFAULT_GROUP_QUOTAS.maxJoinedPerUser})
  --group-max-count <n|unlimited>  Groups the server holds (env OPENCHAT_GROUP_MAX_COUNT, default unlimited)
  --group-field <spec>  A group custom field <key>[:<read>[:<write>]], levels AppAdmin, Owner, Admin, Member or Anyone (default
                        Anyone:Admin); repeatable, ≤ 10 (env OPENCHAT_GROUP_FIELDS, comma-separated)
  --group-member-field <spec>  A group member custom field, same form (default Member:Member); repeatable, ≤ 5 (env OPENCHAT_GROUP_MEMBER_FIELDS)
  --group-msg-per-second <n>  Messages a group accepts per second at Normal priority; Low gets half, High one and a half
                        (env OPENCHAT_GROUP_MSG_PER_SECOND, default 40)
  --group-tips          Also tell members of mute-all and join-option changes (env OPENCHAT_GROUP_TIPS=1; default off, as Tencent)
  --group-history-before-join <types>  Work and/or Public (comma-separated): new members read earlier messages
                        (env OPENCHAT_GROUP_HISTORY_BEFORE_JOIN; default none: Meeting, AVChatRoom rules are fixed, communities use bits)
  --call-ring-seconds <s>  How long a call rings before it counts as missed (env OPENCHAT_CALL_RING_SECONDS, default ${CALL_LIMITS.ringSeconds})
  --call-reconnect-grace-seconds <s>  How long a device in a call may be disconnected before it has left
                        (env OPENCHAT_CALL_RECONNECT_GRACE_SECONDS, default ${CALL_LIMITS.reconnectGraceSeconds})
  --ice-servers <json>  STUN/TURN servers for calls, a JSON array of RTCIceServer objects, e.g.
                        '[{"urls":"turn:turn.example.com:3478","username":"u","credential":"p"}]' (env OPENCHAT_ICE_SERVERS, default [])
  --sync <full|normal>  SQLite durability (env OPENCHAT_SYNC, default full)
  --log-level <level>   fatal, error, warn, info, debug, trace or silent (env OPENCHAT_LOG_LEVEL, default info)
  --help                Show this help
`;

const FLAG_OF: Record<string, string> = {
  host: '--host',
  port: '--port',
  dataDir: '--data',
  sdkAppId: '--sdkappid',
  secretKey: '--secret-key',
  admins: '--admin',
  registration: '--no-registration',
  userSigTtlSeconds: '--usersig-ttl',
  logLevel: '--log-level',
  sync: '--sync',
  recallWindowSeconds: '--recall-window-seconds',
  publicUrl: '--public-url',
  multiDevice: '--multi-device',
  instancesPerPlatform: '--instances-per-platform',
  webInstances: '--web-instances',
  c2cPermission: '--c2c-permission',
  profileFields: '--profile-field',
  friendFields: '--friend-field',
  groups: '--group-*',
  groupMessagesPerSecond: '--group-msg-per-second',
  groupTips: '--group-tips',
  groupHistoryBeforeJoin: '--group-history-before-join',
  callRingSeconds: '--call-ring-seconds',
  callReconnectGraceSeconds: '--call-reconnect-grace-seconds',
  iceServers: '--ice-servers',
};

type Env = Readonly<Record<string, string | undefined>>;

/** Decimal digits become numbers; anything else stays a string so the schema names the bad value. */
function numeric(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value;
}

function registrationFrom(flagOff: boolean, env: string | undefined): boolean {
  if (flagOff) return false;
  if (env === undefined || env === '') return true;
  const value = env.trim().toLowerCase();
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  throw new ConfigError(`OPENCHAT_REGISTRATION must be "on" or "off", not "${env}".`);
}

/**
 * The desktop app reads OPENCHAT_LOG_LEVEL too and tolerates unknown values; its
 * embedded server must not refuse to start over one, so an unknown level from
 * the environment means `info` (the flag stays strict).
 */
function envLogLevel(value: string | undefined): string {
  return value !== undefined && LogLevel.safeParse(value).success ? value : 'info';
}

/** P2/R4: custom field specs from a repeatable flag or a comma-separated variable. */
function fieldSpecs(flags: string[] | undefined, env: string | undefined, pattern: RegExp, flag: string) {
  const specs = flags ?? (env ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  try {
    return specs.map((spec) => parseCustomFieldSetting(spec, pattern));
  } catch (error) {
    throw new ConfigError(`${flag}: ${(error as Error).message}`);
  }
}

/** Runs one group-flag parser, naming the flag in its error. */
function groupFlag<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ConfigError(`${flag}: ${(error as Error).message}`);
  }
}

function groupSettingsFrom(values: Record<string, string | boolean | string[] | undefined>, env: Env): GroupSettings {
  const text = (flag: string, envName: string): string | undefined => (values[flag] as string | undefined) ?? env[envName];
  const list = (flag: string, envName: string): string[] =>
    (values[flag] as string[] | undefined) ?? (env[envName] ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const maxMembersSpec = text('group-max-members', 'OPENCHAT_GROUP_MAX_MEMBERS');
  const joined = text('group-max-joined', 'OPENCHAT_GROUP_MAX_JOINED');
  const count = text('group-max-count', 'OPENCHAT_GROUP_MAX_COUNT');
  const groupFields = groupFlag('--group-field', () => list('group-field', 'OPENCHAT_GROUP_FIELDS').map((spec) => parseGroupFieldSpec(spec, 'group')));
  const memberFields = groupFlag('--group-member-field', () =>
    list('group-member-field', 'OPENCHAT_GROUP_MEMBER_FIELDS').map((spec) => parseGroupFieldSpec(spec, 'member')),
  );
  groupFlag('--group-field', () => checkFieldCount(groupFields, 'group'));
  groupFlag('--group-member-field', () => checkFieldCount(memberFields, 'member'));
  return {
    quotas: {
      ...DEFAULT_GROUP_QUOTAS,
      maxMembers: maxMembersSpec === undefined ? DEFAULT_GROUP_QUOTAS.maxMembers : groupFlag('--group-max-members', () => parseMaxMembers(maxMembersSpec)),
      maxJoinedPerUser: joined === undefined ? DEFAULT_GROUP_QUOTAS.maxJoinedPerUser : (groupFlag('--group-max-joined', () => parseLimit(joined, false)) ?? 0),
      maxGroups: count === undefined ? DEFAULT_GROUP_QUOTAS.maxGroups : groupFlag('--group-max-count', () => parseLimit(count, true)),
    },
    groupFields,
    memberFields,
  };
}

/** Issue 6: `--ice-servers` / OPENCHAT_ICE_SERVERS is JSON; the schema then checks each entry. */
function iceServersFrom(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return [];
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError('--ice-servers: not JSON; give an array such as [{"urls":"stun:stun.example.com:3478"}].');
  }
}

export function isHelpRequested(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * Reads flags first, then environment variables, then defaults, and
 * validates the result. Throws {@link ConfigError} with a readable message.
 */
export function parseConfig(argv: readonly string[], env: Env, cwd: string = process.cwd()): ServerConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        sdkappid: { type: 'string' },
        'secret-key': { type: 'string' },
        admin: { type: 'string', multiple: true },
        'no-registration': { type: 'boolean' },
        'usersig-ttl': { type: 'string' },
        sync: { type: 'string' },
        'recall-window-seconds': { type: 'string' },
        'public-url': { type: 'string' },
        'multi-device': { type: 'string' },
        'instances-per-platform': { type: 'string' },
        'web-instances': { type: 'string' },
        'c2c-permission': { type: 'string' },
        'profile-field': { type: 'string', multiple: true },
        'friend-field': { type: 'string', multiple: true },
        'group-max-members': { type: 'string' },
        'group-max-joined': { type: 'string' },
        'group-max-count': { type: 'string' },
        'group-field': { type: 'string', multiple: true },
        'group-member-field': { type: 'string', multiple: true },
        'group-msg-per-second': { type: 'string' },
        'group-tips': { type: 'boolean' },
        'group-history-before-join': { type: 'string' },
        'call-ring-seconds': { type: 'string' },
        'call-reconnect-grace-seconds': { type: 'string' },
        'ice-servers': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${USAGE}`);
  }

  const namedAdmins =
    values.admin ??
    (env.OPENCHAT_ADMINS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id.length > 0);

  const raw = {
    host: values.host ?? env.OPENCHAT_HOST ?? '127.0.0.1',
    port: numeric(values.port ?? env.OPENCHAT_PORT) ?? DEFAULT_PORT,
    dataDir: resolve(cwd, values.data ?? env.OPENCHAT_DATA ?? '.data/server'),
    sdkAppId: numeric(values.sdkappid ?? env.OPENCHAT_SDKAPPID) ?? null,
    secretKey: values['secret-key'] ?? env.OPENCHAT_SECRET_KEY ?? null,
    admins: [...new Set([DEFAULT_ADMIN, ...namedAdmins])],
    registration: registrationFrom(values['no-registration'] === true, env.OPENCHAT_REGISTRATION),
    userSigTtlSeconds: numeric(values['usersig-ttl'] ?? env.OPENCHAT_USERSIG_TTL) ?? DEFAULT_USERSIG_TTL_SECONDS,
    logLevel: values['log-level'] ?? envLogLevel(env.OPENCHAT_LOG_LEVEL),
    sync: values.sync ?? env.OPENCHAT_SYNC ?? 'full',
    recallWindowSeconds:
      numeric(values['recall-window-seconds'] ?? env.OPENCHAT_RECALL_WINDOW_SECONDS) ?? DEFAULT_RECALL_WINDOW_SECONDS,
    publicUrl: values['public-url'] ?? env.OPENCHAT_PUBLIC_URL ?? null,
    multiDevice: values['multi-device'] ?? env.OPENCHAT_MULTI_DEVICE ?? DEFAULT_MULTI_DEVICE_POLICY.mode,
    instancesPerPlatform:
      numeric(values['instances-per-platform'] ?? env.OPENCHAT_INSTANCES_PER_PLATFORM) ?? DEFAULT_MULTI_DEVICE_POLICY.instancesPerPlatform,
    webInstances: numeric(values['web-instances'] ?? env.OPENCHAT_WEB_INSTANCES) ?? DEFAULT_MULTI_DEVICE_POLICY.webInstances,
    c2cPermission: values['c2c-permission'] ?? env.OPENCHAT_C2C_PERMISSION ?? 'any',
    profileFields: fieldSpecs(values['profile-field'], env.OPENCHAT_PROFILE_FIELDS, PROFILE_CUSTOM_KEY, '--profile-field'),
    friendFields: fieldSpecs(values['friend-field'], env.OPENCHAT_FRIEND_FIELDS, FRIEND_CUSTOM_KEY, '--friend-field'),
    groups: groupSettingsFrom(values, env),
    groupMessagesPerSecond: numeric(values['group-msg-per-second'] ?? env.OPENCHAT_GROUP_MSG_PER_SECOND) ?? DEFAULT_GROUP_MESSAGES_PER_SECOND,
    groupTips: values['group-tips'] === true || env.OPENCHAT_GROUP_TIPS === '1' || env.OPENCHAT_GROUP_TIPS === 'true',
    groupHistoryBeforeJoin: (values['group-history-before-join'] ?? env.OPENCHAT_GROUP_HISTORY_BEFORE_JOIN ?? '')
      .split(',')
      .map((type) => type.trim())
      .filter((type) => type.length > 0),
    callRingSeconds: numeric(values['call-ring-seconds'] ?? env.OPENCHAT_CALL_RING_SECONDS) ?? CALL_LIMITS.ringSeconds,
    callReconnectGraceSeconds:
      numeric(values['call-reconnect-grace-seconds'] ?? env.OPENCHAT_CALL_RECONNECT_GRACE_SECONDS) ?? CALL_LIMITS.reconnectGraceSeconds,
    iceServers: iceServersFrom(values['ice-servers'] ?? env.OPENCHAT_ICE_SERVERS),
  };
  const parsed = ServerConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `${FLAG_OF[key] ?? key}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
