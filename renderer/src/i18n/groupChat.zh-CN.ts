import type { GroupChatCatalog } from './groupChat.en';

export const groupChatZhCN: GroupChatCatalog = {
  chatTitle: '群聊',
};
