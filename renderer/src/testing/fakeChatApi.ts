import type { EventChannel, EventPayload, IpcResult, RequestChannel, RequestInput, RequestOutput } from '../../../shared/ipc';
import type { ChatApi, HostLink } from '../api/chatApi';

type Responder<C extends RequestChannel> = (input: RequestInput<C>) => IpcResult<RequestOutput<C>> | Promise<IpcResult<RequestOutput<C>>>;

/** A scriptable ChatApi for store and component tests: records calls, answers from responders, emits events. */
export class FakeChatApi implements ChatApi {
  calls: { channel: RequestChannel; input: unknown }[] = [];
  private responders = new Map<RequestChannel, Responder<RequestChannel>>();
  private listeners = new Map<string, Set<(payload: unknown) => void>>();
  private linkListeners = new Set<(link: HostLink) => void>();

  respond<C extends RequestChannel>(channel: C, responder: Responder<C>): this {
    this.responders.set(channel, responder as unknown as Responder<RequestChannel>);
    return this;
  }

  ok<C extends RequestChannel>(channel: C, value: RequestOutput<C>): this {
    return this.respond(channel, () => ({ ok: true, value }));
  }

  callsTo(channel: RequestChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.input);
  }

  async invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<IpcResult<RequestOutput<C>>> {
    this.calls.push({ channel, input });
    const responder = this.responders.get(channel) as Responder<C> | undefined;
    if (!responder) return { ok: false, error: { code: 'internal', message: `No fake answer for ${channel}` } };
    return responder(input);
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    this.listeners.get(event)?.forEach((listener) => listener(payload));
  }

  onHostLinkChanged(listener: (link: HostLink) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  setHostLink(link: HostLink): void {
    this.linkListeners.forEach((listener) => listener(link));
  }
}
