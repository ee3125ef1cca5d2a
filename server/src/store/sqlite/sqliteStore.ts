import { type Store } from '../types';
import * as accounts from './accounts';
import { openCallsRepository } from './calls';
import * as conversations from './conversations';
import { Database, type OpenOptions } from './database';
import * as groupConversations from './groupConversations';
import * as groupMessages from './groupMessages';
import * as groupNotices from './groupNotices';
import { openGroupsRepository } from './groups';
import * as history from './history';
import { openMediaRepository } from './media';
import * as messages from './messages';
import { openPresenceRepository } from './presence';
import { migrate } from './migrations';
import * as reports from './reports';
import { openRelationsRepository } from './relations';
import { SqliteState } from './state';
import { moveTopicMessages } from './topicMoves';

/**
 * The embedded store: better-sqlite3 behind the async repository interfaces.
 * Calls run synchronously on the event loop and resolve at once, which keeps
 * group commit simple: a batch is one transaction, committed before any ack.
 */
export function openSqliteStore(options: OpenOptions): Store & { readonly db: Database } {
  const db = new Database(options);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const state = new SqliteState(db);
  // Wraps a synchronous call so a throw becomes a rejected promise, as an async driver would behave.
  const run = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  return {
    db,
    accounts: {
      get: (userId) => run(() => accounts.getAccount(db, userId)),
      getMany: (userIds) => run(() => accounts.getAccounts(db, userIds)),
      create: (account) => run(() => accounts.createAccount(db, account)),
      importMany: (list) => run(() => accounts.importAccounts(state, list)),
      clearPassword: (userId) => run(() => accounts.clearPassword(db, userId)),
      deleteMany: (userIds) => run(() => accounts.deleteAccounts(state, userIds)),
      revokeCredentials: (userId, through) => run(() => accounts.revokeCredentials(db, userId, through)),
      revokedThrough: (userId) => run(() => accounts.revokedThrough(db, userId)),
    },
    messages: {
      appendBatch: (items) => run(() => messages.appendMessages(state, items)),
      after: (viewer, peer, afterSeq, limit) => run(() => messages.messagesAfter(db, viewer, peer, afterSeq, limit)),
      before: (viewer, peer, beforeSeq, limit) => run(() => messages.messagesBefore(db, viewer, peer, beforeSeq, limit)),
      modifiedAfter: (viewer, peer, afterModSeq, limit) => run(() => messages.messagesModifiedAfter(db, viewer, peer, afterModSeq, limit)),
      find: (ref) => run(() => messages.findMessage(db, ref)),
      modify: (ref, decide) => run(() => messages.modifyMessage(state, ref, decide)),
      deleteForMe: (viewer, peer, list) => run(() => messages.deleteForMe(state, viewer, peer, list)),
    },
    conversations: {
      listFor: (userId) => run(() => conversations.listConversations(db, userId)),
      get: (userId, peerId) => run(() => conversations.getConversation(db, userId, peerId)),
      clear: (userId, peerId) => run(() => conversations.clearConversation(db, userId, peerId, false)),
      remove: (userId, peerId) => run(() => conversations.clearConversation(db, userId, peerId, true) !== null),
      updateSettings: (userId, peerId, settings) => run(() => conversations.updateSettings(db, userId, peerId, settings)),
      markRead: (userId, peerId, readSeq) => run(() => conversations.markRead(db, userId, peerId, readSeq)),
      peersOf: (userId) => run(() => conversations.peersOf(db, userId)),
      sharedWith: (userId, candidates) => run(() => conversations.sharedWith(db, userId, candidates)),
    },
    reports: {
      create: (report) => run(() => reports.createReport(state, report)),
      list: (options) => run(() => reports.listReports(db, options)),
    },
    history: {
      roamingPage: (viewer, peer, range) => run(() => history.roamingPage(db, viewer, peer, range)),
      byKeyParts: (sender, recipient, random, second) => run(() => history.messagesByKeyParts(db, sender, recipient, random, second)),
      lastSeqAt: (viewer, peer, timeMs) => run(() => history.lastSeqAt(db, viewer, peer, timeMs)),
      betweenTimes: (fromMs, toMs) => run(() => history.messagesBetweenTimes(db, fromMs, toMs)),
    },
    media: openMediaRepository(db),
    presence: openPresenceRepository(db),
    relations: openRelationsRepository(db),
    groups: openGroupsRepository(db),
    groupMessages: {
      appendBatch: (items) => run(() => groupMessages.appendGroupMessages(state, items)),
      after: (key, v, afterSeq, limit) => run(() => groupMessages.groupMessagesAfter(db, key, v, afterSeq, limit)),
      before: (key, v, beforeSeq, limit) => run(() => groupMessages.groupMessagesBefore(db, key, v, beforeSeq, limit)),
      modifiedAfter: (key, v, afterModSeq, limit) => run(() => groupMessages.groupMessagesModifiedAfter(db, key, v, afterModSeq, limit)),
      adminPage: (key, beforeOrAtSeq, limit) => run(() => groupMessages.groupAdminPage(db, key, beforeOrAtSeq, limit)),
      importBatch: (items) => run(() => groupMessages.importGroupMessages(state, items)),
      moveTopicMessages: (move) => run(() => moveTopicMessages(state, move)),
    },
    groupConversations: {
      listFor: (userId, visibility) => run(() => groupConversations.listGroupConversations(db, userId, visibility)),
      get: (userId, key, v) => run(() => groupConversations.getGroupConversation(db, userId, key, v)),
      markRead: (userId, key, readSeq) => run(() => groupConversations.markGroupRead(db, userId, key, readSeq)),
      clear: (userId, key) => run(() => groupConversations.clearGroupConversation(db, userId, key)),
      remove: (userId, key) => run(() => groupConversations.clearGroupConversation(db, userId, key, true) !== null),
      updateSettings: (userId, key, settings) => run(() => groupConversations.updateGroupConversationSettings(db, userId, key, settings)),
      discarders: (key) => run(() => groupConversations.discarders(db, key)),
      receiptCounts: (key, messageId) => run(() => groupConversations.receiptCounts(db, key, messageId)),
      receiptMembers: (key, messageId, which, cursor, limit) =>
        run(() => groupConversations.receiptMembers(db, key, messageId, which, cursor, limit)),
    },
    calls: openCallsRepository(db),
    groupNotices: {
      add: (notice) => run(() => groupNotices.addGroupNotice(db, notice)),
      after: (userId, afterId, limit) => run(() => groupNotices.groupNoticesAfter(db, userId, afterId, limit)),
    },
    close: () => run(() => db.close()),
  };
}
