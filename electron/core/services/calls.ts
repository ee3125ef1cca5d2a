import type { CallInfo } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { CallView, EventSink, ParsedInput, RequestOutput } from '../../../shared/ipc';
import type { AccountContext } from '../accountContext';
import { forgetCallHere, listCallsHere, rememberCallHere } from '../store/tables/calls';
import { accountRequest } from './accountRequest';

type Out<C extends 'calls:config' | 'calls:signal' | 'calls:active' | 'calls:history'> = RequestOutput<C>;
type OneCall = { call: CallView };

/**
 * A call as this device sees it (shared/ipc/calls.ts CallView): my participant's state, and whether I am joined on
 * this very device (`deviceId` is this client's handshake instanceId).
 */
export function callView(call: CallInfo, me: string, deviceId: string): CallView {
  const mine = call.participants.find((p) => p.userId === me) ?? null;
  return { ...call, myState: mine?.state ?? null, here: mine !== null && mine.state === 'joined' && mine.deviceId === deviceId };
}

/**
 * Calls (issue 6, C1–C5) for one signed-in account. The renderer owns the media; the core relays every invitation,
 * answer and SDP/ICE blob to the server (online only: `offline` without the connection; the server's refusals —
 * call_not_found, call_state, call_in_another, call_full, … — pass through as they are).
 *
 * - Calls not ended that concern me are kept in memory from `call:updated` pushes and request replies; on every
 *   (re)connect `call:active` replaces them and each is announced (`calls:changed`), so a renderer reloaded
 *   mid-ring finds the ringing call; one that vanished meanwhile is announced ended (as the history tells, when it
 *   does).
 * - The call I am joined in on this device is remembered in the store (`calls_here`, 0012). A quit, crash or restart
 *   takes the media with it, so on the next connect such a call (noted under an earlier instanceId) is hung up at
 *   the server — if the server still has me joined on that instance, not when I joined since on another device —
 *   and forgotten, and what the server answers is announced. Signing out hangs up first (`hangUpHere`).
 * - `call:signal` pushes are handed to the renderer unchanged as `calls:signal`.
 */
export class CallsService {
  /** Calls not ended, by ID, as last heard from the server. */
  private readonly calls = new Map<string, CallInfo>();
  /** Calls seen ended: a late reply or push that says otherwise is stale. */
  private readonly ended = new Set<string>();
  private readonly unsubscribe: Array<() => void> = [];
  /** Counts every state taken in; `touched` says when each call last changed, so a list fetched before is not applied over it. */
  private changes = 0;
  /** The last state announced per call (JSON), so a reply and the push saying the same are told once. */
  private readonly announced = new Map<string, string>();
  private readonly touched = new Map<string, number>();
  /** Bumped on every connect: work of an earlier connection drops its result. */
  private generation = 0;
  private stopped = false;

  constructor(
    private readonly ctx: AccountContext,
    private readonly emit: EventSink,
    /** This client's handshake instanceId: participants name devices by it. */
    readonly deviceId: string,
  ) {}

  start(): void {
    const { connection } = this.ctx;
    this.unsubscribe.push(
      connection.onPush('call:updated', ({ call }) => this.apply(call)),
      connection.onPush('call:signal', (signal) => {
        if (!this.stopped) this.emit('calls:signal', signal);
      }),
      connection.on('connected', () => {
        const generation = ++this.generation;
        void this.ctx.tasks.track(
          this.onConnected(generation).catch((error: unknown) => {
            if (!this.stopped) this.ctx.logger.warn({ err: error }, 'calls: catching up after connect failed');
          }),
        );
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe.splice(0).forEach((off) => off());
  }

  /** Am I joined in a call on this device now (as last heard from the server)? */
  activeHere(): boolean {
    for (const call of this.calls.values()) if (this.view(call).here) return true;
    return false;
  }

  // ─────────────────────────────────────────────────────────── requests

  config(): Promise<Out<'calls:config'>> {
    return accountRequest(this.ctx.tasks, async () => {
      const reply = await this.ctx.connection.request('call:config', {});
      return { ...reply, deviceId: this.deviceId };
    });
  }

  /** C1/C2: start a call from this device (joined here at once). */
  startCall(input: ParsedInput<'calls:start'>): Promise<OneCall> {
    return this.one(() => this.ctx.connection.request('call:invite', input));
  }

  accept(input: ParsedInput<'calls:accept'>): Promise<OneCall> {
    return this.one(() => this.ctx.connection.request('call:accept', input));
  }

  decline(input: ParsedInput<'calls:decline'>): Promise<OneCall> {
    return this.one(() => this.ctx.connection.request('call:decline', input));
  }

  hangup(input: ParsedInput<'calls:hangup'>): Promise<OneCall> {
    return this.one(() => this.ctx.connection.request('call:hangup', input));
  }

  join(input: ParsedInput<'calls:join'>): Promise<OneCall> {
    return this.one(() => this.ctx.connection.request('call:join', input));
  }

  invite(input: ParsedInput<'calls:invite'>): Promise<OneCall> {
    return this.one(() => this.ctx.connection.request('call:addInvitees', input));
  }

  setMedia(input: ParsedInput<'calls:setMedia'>): Promise<OneCall> {
    return this.one(() => this.ctx.connection.request('call:setMedia', input));
  }

  signal(input: ParsedInput<'calls:signal'>): Promise<Out<'calls:signal'>> {
    return accountRequest(this.ctx.tasks, async () => {
      await this.ctx.connection.request('call:signal', input);
      return {};
    });
  }

  /** Calls not ended that concern me, fresh from the server (which also refreshes what is kept). */
  active(): Promise<Out<'calls:active'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const asked = this.changes;
      const { calls } = await this.ctx.connection.request('call:active', {});
      stillSignedIn();
      for (const old of this.replaceAll(calls, asked, 'changed')) this.apply(endedLocally(old, this.ctx.now()));
      return { calls: [...this.calls.values()].map((c) => this.view(c)) };
    });
  }

  history(input: ParsedInput<'calls:history'>): Promise<Out<'calls:history'>> {
    return accountRequest(this.ctx.tasks, async () => {
      const page = await this.ctx.connection.request('call:history', input);
      return { calls: page.calls.map((c) => this.view(c)), next: page.next };
    });
  }

  /**
   * Sign-out: leaves every call I am joined in on this device (best effort; offline, the store keeps them and the
   * next connect of this account hangs them up).
   */
  async hangUpHere(): Promise<void> {
    const here = [...this.calls.values()].filter((c) => this.view(c).here).map((c) => c.callId);
    for (const callId of here) {
      if (!this.ctx.connection.isOnline()) return;
      try {
        await this.hangup({ callId });
      } catch (error) {
        this.ctx.logger.info({ err: error, callId }, 'calls: hanging up before signing out failed');
      }
    }
  }

  // ─────────────────────────────────────────────────────────── internals

  private view(call: CallInfo): CallView {
    return callView(call, this.ctx.me, this.deviceId);
  }

  private one(send: () => Promise<{ call: CallInfo }>): Promise<OneCall> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { call } = await send();
      stillSignedIn();
      return { call: this.apply(call) ?? this.view(call) };
    });
  }

  /**
   * Takes in one state of a call: kept (or dropped once ended), noted in the store, announced. Null when stale.
   * `announce`: 'changed' skips a state identical to the one last announced (a reply and its push say the same),
   * 'always' announces regardless (each connect's list), 'never' keeps quiet.
   */
  private apply(call: CallInfo, announce: 'changed' | 'always' | 'never' = 'changed'): CallView | null {
    if (this.stopped || this.ctx.tasks.closed) return null;
    if (this.ended.has(call.callId) && call.state !== 'ended') return null;
    const view = this.view(call);
    this.touched.set(call.callId, ++this.changes);
    if (call.state === 'ended') {
      this.ended.add(call.callId);
      this.calls.delete(call.callId);
    } else {
      this.calls.set(call.callId, call);
    }
    this.note(view);
    const text = JSON.stringify(view);
    if (announce === 'always' || (announce === 'changed' && this.announced.get(view.callId) !== text)) {
      this.announced.set(view.callId, text);
      this.emit('calls:changed', { call: view });
    }
    return view;
  }

  /**
   * Keeps the store's "joined here" row in step with what the server says. A row of an earlier instance stays until
   * the call ends or the next connect has dealt with it (onConnected).
   */
  private note(view: CallView): void {
    try {
      if (view.here && view.state !== 'ended') rememberCallHere(this.ctx.db, view.callId, this.deviceId, this.ctx.now());
      else forgetCallHere(this.ctx.db, view.callId, view.state === 'ended' ? undefined : this.deviceId);
    } catch (error) {
      this.ctx.logger.warn({ err: error, callId: view.callId }, 'calls: could not note the call joined here');
    }
  }

  private async onConnected(generation: number): Promise<void> {
    const current = () => !this.stopped && !this.ctx.tasks.closed && generation === this.generation && this.ctx.connection.isOnline();
    // 1. What is going on now.
    const asked = this.changes;
    const { calls } = await this.ctx.connection.request('call:active', {});
    if (!current()) return;
    // 2. Calls this device was in under an earlier instance (before a restart, a crash or a sign-out offline): hung
    //    up while the server still has me joined on that instance (not when I have joined since on another device).
    for (const row of listCallsHere(this.ctx.db)) {
      if (row.deviceId === this.deviceId) continue;
      const listed = calls.find((c) => c.callId === row.callId);
      const mine = listed?.participants.find((p) => p.userId === this.ctx.me);
      if (mine?.state === 'joined' && mine.deviceId === row.deviceId) {
        try {
          const { call } = await this.ctx.connection.request('call:hangup', { callId: row.callId });
          if (!current()) return;
          this.apply(call);
        } catch (error) {
          if (!current()) return;
          if (!(error instanceof AppError) || (error.code !== 'call_not_found' && error.code !== 'call_state')) {
            // Kept for the next connect; the server's grace time ends it meanwhile anyway.
            this.ctx.logger.warn({ err: error, callId: row.callId }, 'calls: could not hang up the call left behind');
            continue;
          }
          this.ctx.logger.info({ code: error.code, callId: row.callId }, 'calls: the call left behind is already over');
        }
      }
      forgetCallHere(this.ctx.db, row.callId);
    }
    // 3. The list, except calls that changed since it was asked for (those just hung up among them).
    const vanished = this.replaceAll(calls, asked, 'always');
    if (vanished.length === 0) return;
    // 4. Calls that ended while we were away: the history has their final state; otherwise say they are over.
    let history: CallInfo[] = [];
    try {
      history = (await this.ctx.connection.request('call:history', { limit: 50 })).calls;
    } catch (error) {
      this.ctx.logger.debug({ err: error }, 'calls: history for vanished calls');
    }
    if (this.stopped || this.ctx.tasks.closed) return;
    for (const old of vanished) {
      if ((this.touched.get(old.callId) ?? 0) > asked) continue;
      const final = history.find((c) => c.callId === old.callId && c.state === 'ended') ?? endedLocally(old, this.ctx.now());
      this.apply(final);
    }
  }

  /**
   * Replaces the kept calls with the server's list, asked for when `changes` was `asked` (announcing each, or only
   * those that changed); a call that changed since keeps its newer state. Returns the kept calls the list no longer has
   * (ended meanwhile), already taken out.
   */
  private replaceAll(calls: CallInfo[], asked: number, announce: 'always' | 'changed'): CallInfo[] {
    const newer = (callId: string) => (this.touched.get(callId) ?? 0) > asked;
    const fresh = new Set(calls.map((c) => c.callId));
    const vanished = [...this.calls.values()].filter((c) => !fresh.has(c.callId) && !newer(c.callId));
    for (const old of vanished) this.calls.delete(old.callId);
    for (const call of calls) {
      if (newer(call.callId)) continue;
      this.ended.delete(call.callId);
      this.apply(call, announce);
    }
    return vanished;
  }
}

/** A call that ended while this device was away and whose final state is unknown. */
function endedLocally(call: CallInfo, now: number): CallInfo {
  return {
    ...call,
    state: 'ended',
    endReason: call.endReason ?? (call.connectedAt !== null ? 'completed' : 'missed'),
    endedAt: call.endedAt ?? now,
    participants: call.participants.map((p) => (p.state === 'joined' ? { ...p, state: 'left' } : p.state === 'invited' ? { ...p, state: 'missed' } : p)),
  };
}
