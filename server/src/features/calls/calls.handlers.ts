import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type AppSocket } from '../../gateway/types';
import { type CallActor, type CallsService } from './calls.service';

/** The device a socket belongs to: the handshake instanceId, else the socket id (as DeviceInfo names it). */
export function deviceIdOf(socket: AppSocket): string {
  return socket.data.instanceId ?? socket.id;
}

function actorOf(socket: AppSocket, userId: string): CallActor {
  return { userId, deviceId: deviceIdOf(socket) };
}

/** Issue 6 (C1–C5): the call:* requests of shared/protocol/calls.ts. */
export function callHandlers(calls: CallsService): AnyHandler[] {
  return [
    defineHandler('call:config', async () => calls.config()),
    defineHandler('call:invite', async ({ socket, userId }, input) => ({ call: await calls.invite(actorOf(socket, userId), input.target, input.media) })),
    defineHandler('call:accept', async ({ socket, userId }, input) => ({ call: await calls.accept(actorOf(socket, userId), input.callId) })),
    defineHandler('call:decline', async ({ socket, userId }, input) => ({ call: await calls.decline(actorOf(socket, userId), input.callId) })),
    defineHandler('call:hangup', async ({ socket, userId }, input) => ({ call: await calls.hangup(actorOf(socket, userId), input.callId) })),
    defineHandler('call:join', async ({ socket, userId }, input) => ({ call: await calls.joinCall(actorOf(socket, userId), input.callId) })),
    defineHandler('call:addInvitees', async ({ socket, userId }, input) => ({
      call: await calls.addInvitees(actorOf(socket, userId), input.callId, input.userIds),
    })),
    defineHandler('call:signal', async ({ socket, userId }, input) => {
      calls.signal(actorOf(socket, userId), input);
      return {};
    }),
    defineHandler('call:setMedia', async ({ socket, userId }, input) => ({
      call: await calls.setMedia(actorOf(socket, userId), input.callId, input.audio, input.video),
    })),
    defineHandler('call:active', async ({ userId }) => ({ calls: await calls.active(userId) })),
    defineHandler('call:history', async ({ userId }, input) => calls.history(userId, input.cursor, input.limit)),
  ];
}
