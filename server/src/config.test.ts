import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PORT, DEFAULT_RECALL_WINDOW_SECONDS, DEFAULT_USERSIG_TTL_SECONDS, isHelpRequested, parseConfig } from './config';
import { DEFAULT_GROUP_SETTINGS } from './features/groups/groupSettings';

const cwd = '/srv/openchat';

describe('config', () => {
  it('has safe defaults: loopback, default port, data under the working folder, registration on, durable sync', () => {
    expect(parseConfig([], {}, cwd)).toEqual({
      host: '127.0.0.1',
      port: DEFAULT_PORT,
      dataDir: '/srv/openchat/.data/server',
      sdkAppId: null,
      secretKey: null,
      admins: ['administrator'],
      registration: true,
      userSigTtlSeconds: DEFAULT_USERSIG_TTL_SECONDS,
      logLevel: 'info',
      sync: 'full',
      recallWindowSeconds: DEFAULT_RECALL_WINDOW_SECONDS,
      publicUrl: null,
      multiDevice: 'dual',
      instancesPerPlatform: 1,
      webInstances: 1,
      c2cPermission: 'any',
      profileFields: [],
      friendFields: [],
      groups: DEFAULT_GROUP_SETTINGS,
      groupMessagesPerSecond: 40,
      groupTips: false,
      groupHistoryBeforeJoin: [],
      callRingSeconds: 30,
      callReconnectGraceSeconds: 10,
      iceServers: [],
    });
  });

  it('reads every flag', () => {
    const config = parseConfig(
      ['--port', '0', '--host', '0.0.0.0', '--data', 'd', '--sdkappid', '1400000123', '--secret-key', 'k'.repeat(64),
        '--admin', 'ops', '--admin', 'bot', '--no-registration', '--usersig-ttl', '3600', '--sync', 'normal', '--log-level', 'warn'],
      {},
      cwd,
    );
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 0,
      dataDir: '/srv/openchat/d',
      sdkAppId: 1400000123,
      secretKey: 'k'.repeat(64),
      admins: ['administrator', 'ops', 'bot'],
      registration: false,
      userSigTtlSeconds: 3600,
      logLevel: 'warn',
      sync: 'normal',
      recallWindowSeconds: DEFAULT_RECALL_WINDOW_SECONDS,
      publicUrl: null,
      multiDevice: 'dual',
      instancesPerPlatform: 1,
      webInstances: 1,
      c2cPermission: 'any',
      profileFields: [],
      friendFields: [],
      groups: DEFAULT_GROUP_SETTINGS,
      groupMessagesPerSecond: 40,
      groupTips: false,
      groupHistoryBeforeJoin: [],
      callRingSeconds: 30,
      callReconnectGraceSeconds: 10,
      iceServers: [],
    });
  });

  it('C1 reads the call settings (ring time, reconnect grace, ICE servers) and refuses bad values', () => {
    const ice = '[{"urls":"turn:turn.example.com:3478","username":"u","credential":"p"}]';
    expect(parseConfig(['--call-ring-seconds', '45', '--call-reconnect-grace-seconds', '20', '--ice-servers', ice], {}, cwd)).toMatchObject({
      callRingSeconds: 45,
      callReconnectGraceSeconds: 20,
      iceServers: [{ urls: 'turn:turn.example.com:3478', username: 'u', credential: 'p' }],
    });
    expect(
      parseConfig([], { OPENCHAT_CALL_RING_SECONDS: '60', OPENCHAT_ICE_SERVERS: '[{"urls":["stun:a:3478","stun:b:3478"]}]' }, cwd),
    ).toMatchObject({ callRingSeconds: 60, iceServers: [{ urls: ['stun:a:3478', 'stun:b:3478'] }] });
    expect(() => parseConfig(['--ice-servers', 'not json'], {}, cwd)).toThrow(/--ice-servers/);
    expect(() => parseConfig(['--ice-servers', '[{"url":"x"}]'], {}, cwd)).toThrow(/--ice-servers/);
    expect(() => parseConfig(['--call-ring-seconds', '0'], {}, cwd)).toThrow(/--call-ring-seconds/);
  });

  it('M15 G5 reads the group message flags and refuses bad values (ADR 0004)', () => {
    const config = parseConfig(['--group-msg-per-second', '100', '--group-tips', '--group-history-before-join', 'Work,Public'], {}, cwd);
    expect(config).toMatchObject({ groupMessagesPerSecond: 100, groupTips: true, groupHistoryBeforeJoin: ['Work', 'Public'] });
    expect(parseConfig([], { OPENCHAT_GROUP_TIPS: '1', OPENCHAT_GROUP_HISTORY_BEFORE_JOIN: 'Public' }, cwd)).toMatchObject({
      groupTips: true,
      groupHistoryBeforeJoin: ['Public'],
    });
    expect(() => parseConfig(['--group-history-before-join', 'Meeting'], {}, cwd)).toThrow(/--group-history-before-join/);
    expect(() => parseConfig(['--group-msg-per-second', '1'], {}, cwd)).toThrow(/--group-msg-per-second/);
  });

  it('P2 R5 reads the one-to-one permission and custom profile/friend fields with their permissions; refuses bad keys', () => {
    const config = parseConfig(
      ['--c2c-permission', 'friends', '--profile-field', 'Tag_Profile_Custom_Hobby', '--profile-field', 'Tag_Profile_Custom_Score:app+admin:admin'],
      { OPENCHAT_FRIEND_FIELDS: 'Tag_SNS_Custom_Note:app:app' },
      cwd,
    );
    expect(config.c2cPermission).toBe('friends');
    expect(config.profileFields).toEqual([
      { key: 'Tag_Profile_Custom_Hobby', read: ['app', 'admin'], write: ['app', 'admin'] },
      { key: 'Tag_Profile_Custom_Score', read: ['app', 'admin'], write: ['admin'] },
    ]);
    expect(config.friendFields).toEqual([{ key: 'Tag_SNS_Custom_Note', read: ['app'], write: ['app'] }]);
    expect(() => parseConfig(['--profile-field', 'Tag_Profile_Custom_TooLongKey'], {}, cwd)).toThrow(/--profile-field/);
    expect(() => parseConfig(['--profile-field', 'Tag_Profile_Custom_A:everyone'], {}, cwd)).toThrow(/--profile-field/);
    expect(() => parseConfig(['--c2c-permission', 'strangers'], {}, cwd)).toThrow(/--c2c-permission/);
  });

  it('G6 G3 reads group quotas and custom group / member fields; refuses unknown types, bad numbers and levels', () => {
    const config = parseConfig(
      ['--group-max-members', 'Work=50, AVChatRoom=unlimited', '--group-max-joined', '7', '--group-field', 'Level:Member:Owner', '--group-member-field', 'Rank'],
      { OPENCHAT_GROUP_MAX_COUNT: '1000' },
      cwd,
    );
    expect(config.groups.quotas).toMatchObject({
      maxMembers: { Work: 50, Public: 2000, Meeting: 2000, AVChatRoom: null, Community: 100_000 },
      maxJoinedPerUser: 7,
      maxGroups: 1000,
    });
    expect(config.groups.groupFields).toEqual([{ key: 'Level', read: 'Member', write: 'Owner' }]);
    expect(config.groups.memberFields).toEqual([{ key: 'Rank', read: 'Member', write: 'Member' }]);
    expect(() => parseConfig(['--group-max-members', 'Private=10'], {}, cwd)).toThrow(/--group-max-members/);
    expect(() => parseConfig(['--group-max-joined', 'unlimited'], {}, cwd)).toThrow(/--group-max-joined/);
    expect(() => parseConfig(['--group-field', 'Level:Everyone'], {}, cwd)).toThrow(/--group-field/);
    const eleven = Array.from({ length: 11 }, (_, i) => ['--group-field', `F${i}`]).flat();
    expect(() => parseConfig(eleven, {}, cwd)).toThrow(/--group-field: At most 10/);
  });

  it('M2 reads the public URL for file links (flag or OPENCHAT_PUBLIC_URL), without a trailing slash, and refuses other schemes', () => {
    expect(parseConfig(['--public-url', 'https://chat.example.com/'], {}, cwd).publicUrl).toBe('https://chat.example.com');
    expect(parseConfig([], { OPENCHAT_PUBLIC_URL: 'http://10.0.0.5:8080' }, cwd).publicUrl).toBe('http://10.0.0.5:8080');
    expect(() => parseConfig(['--public-url', 'javascript:alert(1)'], {}, cwd)).toThrow(/--public-url/);
  });

  it('M5 reads the recall window (flag or OPENCHAT_RECALL_WINDOW_SECONDS, flag first) and refuses nonsense', () => {
    expect(DEFAULT_RECALL_WINDOW_SECONDS).toBe(120);
    expect(parseConfig(['--recall-window-seconds', '300'], {}, cwd).recallWindowSeconds).toBe(300);
    expect(parseConfig([], { OPENCHAT_RECALL_WINDOW_SECONDS: '30' }, cwd).recallWindowSeconds).toBe(30);
    expect(parseConfig(['--recall-window-seconds', '0'], { OPENCHAT_RECALL_WINDOW_SECONDS: '30' }, cwd).recallWindowSeconds).toBe(0);
    expect(() => parseConfig(['--recall-window-seconds', 'two minutes'], {}, cwd)).toThrow(/--recall-window-seconds/);
    expect(() => parseConfig([], { OPENCHAT_RECALL_WINDOW_SECONDS: '99999999' }, cwd)).toThrow(/--recall-window-seconds/);
  });

  it('A5 reads the multi-device policy (flags or OPENCHAT_MULTI_DEVICE / _INSTANCES_PER_PLATFORM / _WEB_INSTANCES) and refuses nonsense', () => {
    expect(parseConfig(['--multi-device', 'triple', '--instances-per-platform', '3', '--web-instances', '5'], {}, cwd)).toMatchObject({
      multiDevice: 'triple',
      instancesPerPlatform: 3,
      webInstances: 5,
    });
    const env = { OPENCHAT_MULTI_DEVICE: 'single', OPENCHAT_INSTANCES_PER_PLATFORM: '2', OPENCHAT_WEB_INSTANCES: '4' };
    expect(parseConfig([], env, cwd)).toMatchObject({ multiDevice: 'single', instancesPerPlatform: 2, webInstances: 4 });
    expect(parseConfig(['--multi-device', 'multi'], env, cwd).multiDevice).toBe('multi');
    expect(() => parseConfig(['--multi-device', 'quad'], {}, cwd)).toThrow(/--multi-device/);
    expect(() => parseConfig(['--instances-per-platform', '0'], {}, cwd)).toThrow(/--instances-per-platform/);
    expect(() => parseConfig([], { OPENCHAT_WEB_INSTANCES: 'many' }, cwd)).toThrow(/--web-instances/);
  });

  it('A1 reads the environment, and flags win over it', () => {
    const env = {
      OPENCHAT_PORT: '9000',
      OPENCHAT_DATA: '/var/lib/openchat',
      OPENCHAT_SDKAPPID: '1400000999',
      OPENCHAT_SECRET_KEY: 's'.repeat(32),
      OPENCHAT_ADMINS: 'ops, bot,,administrator',
      OPENCHAT_REGISTRATION: 'off',
      OPENCHAT_USERSIG_TTL: '86400',
    };
    const fromEnv = parseConfig([], env, cwd);
    expect(fromEnv).toMatchObject({
      port: 9000,
      dataDir: '/var/lib/openchat',
      sdkAppId: 1400000999,
      secretKey: 's'.repeat(32),
      admins: ['administrator', 'ops', 'bot'],
      registration: false,
      userSigTtlSeconds: 86400,
    });
    expect(parseConfig(['--port', '1234', '--admin', 'root'], env, cwd)).toMatchObject({ port: 1234, admins: ['administrator', 'root'] });
    expect(parseConfig([], { OPENCHAT_REGISTRATION: 'on' }, cwd).registration).toBe(true);
  });

  it.each([
    [['--port', 'eighty'], /--port/],
    [['--port', '70000'], /--port/],
    [['--admin', 'not valid!'], /--admin/],
    [['--sdkappid', '-5'], /--sdkappid/],
    [['--secret-key', 'short'], /--secret-key/],
    [['--sync', 'sometimes'], /--sync/],
    [['--log-level', 'loud'], /--log-level/],
    [['--usersig-ttl', '5'], /--usersig-ttl/],
    [['--bogus'], /bogus/],
    [['stray'], /stray|positional/i],
  ])('refuses %j with a message naming the flag', (argv, pattern) => {
    expect(() => parseConfig(argv, {}, cwd)).toThrow(ConfigError);
    expect(() => parseConfig(argv, {}, cwd)).toThrow(pattern);
  });

  it('an unknown OPENCHAT_LOG_LEVEL falls back to info (the desktop app shares the variable); the flag stays strict', () => {
    expect(parseConfig([], { OPENCHAT_LOG_LEVEL: 'verbose' }, cwd).logLevel).toBe('info');
    expect(parseConfig([], { OPENCHAT_LOG_LEVEL: 'debug' }, cwd).logLevel).toBe('debug');
    expect(() => parseConfig(['--log-level', 'verbose'], {}, cwd)).toThrow(/--log-level/);
  });

  it('refuses an unreadable OPENCHAT_REGISTRATION', () => {
    expect(() => parseConfig([], { OPENCHAT_REGISTRATION: 'maybe' }, cwd)).toThrow(/OPENCHAT_REGISTRATION/);
  });

  it('notices --help', () => {
    expect(isHelpRequested(['--help'])).toBe(true);
    expect(isHelpRequested(['--port', '1'])).toBe(false);
  });
});
