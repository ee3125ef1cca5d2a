import type { ChatApi } from '../api/chatApi';
import type { ChatStore } from './store';

/**
 * Maps every core event to the store action named for it. The one place
 * events enter the renderer's state; returns a function that detaches all.
 */
export function connectBridgeEvents(api: ChatApi, store: ChatStore): () => void {
  const actions = () => store.getState();
  const detach = [
    api.on('session:changed', (session) => actions().sessionChanged(session)),
    api.on('connection:changed', (state) => actions().connectionChanged(state)),
    api.on('conversations:changed', (change) => actions().conversationsChanged(change)),
    api.on('messages:changed', (change) => actions().messagesChanged(change)),
    api.on('messages:removed', (change) => actions().messagesRemoved(change)),
    api.on('typing:changed', (change) => actions().typingChanged(change)),
    api.on('operations:failed', (failure) => actions().operationFailed(failure)),
    api.on('contacts:changed', (change) => actions().contactsChanged(change)),
    api.on('friendRequests:changed', (change) => actions().friendRequestsChanged(change)),
    api.on('blocklist:changed', (change) => actions().blocklistChanged(change)),
    api.on('profile:changed', (change) => actions().profileChanged(change)),
    api.on('devices:changed', (change) => actions().devicesChanged(change)),
    api.on('presence:statusChanged', ({ customStatus }) => actions().myStatusChanged(customStatus)),
    api.on('groups:changed', (change) => actions().groupsChanged(change)),
    api.on('groups:membersChanged', (change) => actions().groupMembersChanged(change)),
    api.on('groups:applicationsChanged', (change) => actions().groupApplicationsChanged(change)),
    api.on('groups:applicationHandled', (change) => actions().groupApplicationHandled(change)),
    api.on('groups:left', (change) => actions().groupLeft(change)),
    api.on('topics:changed', (change) => actions().topicsChanged(change)),
    api.on('permissionGroups:changed', (change) => actions().permissionGroupsChanged(change)),
    api.on('calls:changed', (change) => actions().callsChanged(change)),
    api.on('calls:signal', (push) => actions().callSignalReceived(push)),
    api.onHostLinkChanged((link) => actions().hostLinkChanged(link)),
  ];
  return () => detach.forEach((off) => off());
}
