import type { CallView, EventChannel, EventPayload, EventSink } from '../../shared/ipc';
import { Emitter } from './util/emitter';

/** What the host needs to know about calls on this device, e.g. to grant the renderer camera and microphone. */
export interface CallActivityState {
  /**
   * A call this device may use media for now: one I am joined in here, one ringing for me (the renderer opens the
   * microphone before it answers), or a group call in progress that I may join (same: before joining). False with
   * no call, when every call is over, and when I am in a call on another device only.
   */
  active: boolean;
  /** I am joined in a call on this device. */
  joinedHere: boolean;
}

/**
 * The core's view of calls for hosts (`ChatCore.calls`). The Electron permission handler grants `media` only while
 * `state().active`; `onChange` says when that flips (revoke what was granted, close capture windows, …).
 */
export interface CallActivity {
  state(): CallActivityState;
  /** Called with the new state whenever `active` or `joinedHere` changes; returns the unsubscribe function. */
  onChange(listener: (state: CallActivityState) => void): () => void;
}

const IDLE: CallActivityState = { active: false, joinedHere: false };

/** Does this call let this device use camera and microphone now? (See CallActivityState.active.) */
export function callWantsMedia(call: CallView): boolean {
  if (call.state === 'ended') return false;
  if (call.here) return true;
  if (call.myState === 'invited') return true;
  // Answered on another device: this one stays out of it. Otherwise a group call can be joined while in progress (C2).
  return call.kind === 'group' && call.myState !== 'joined';
}

/**
 * Follows the core's own events (`calls:changed`, and `session:changed` to forget everything on sign-out) and keeps
 * CallActivityState up to date. `sink` is subscribed to the core's event hub; `reset()` is for shutdown.
 */
export class CallActivityTracker implements CallActivity {
  private readonly calls = new Map<string, CallView>();
  private current: CallActivityState = IDLE;
  private readonly emitter = new Emitter<{ change: [CallActivityState] }>();

  readonly sink: EventSink = <E extends EventChannel>(event: E, payload: EventPayload<E>): void => {
    if (event === 'calls:changed') {
      const { call } = payload as EventPayload<'calls:changed'>;
      if (call.state === 'ended') this.calls.delete(call.callId);
      else this.calls.set(call.callId, call);
      this.update();
    } else if (event === 'session:changed' && (payload as EventPayload<'session:changed'>).state !== 'signedIn') {
      this.reset();
    }
  };

  state(): CallActivityState {
    return this.current;
  }

  onChange(listener: (state: CallActivityState) => void): () => void {
    return this.emitter.on('change', listener);
  }

  reset(): void {
    this.calls.clear();
    this.update();
  }

  private update(): void {
    const views = [...this.calls.values()];
    const next: CallActivityState = { active: views.some(callWantsMedia), joinedHere: views.some((c) => c.here && c.state !== 'ended') };
    if (next.active === this.current.active && next.joinedHere === this.current.joinedHere) return;
    this.current = next;
    this.emitter.emit('change', next);
  }
}
