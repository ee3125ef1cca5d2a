import type { GroupChatCatalog } from './groupChat.en';

export const groupChatZhCN: GroupChatCatalog = {
  chatTitle: '群聊',
  composer: {
    pickerLabel: '提及成员',
    atAll: '所有人',
    atAllHint: '通知群里的每个人',
    loadingMembers: '正在加载成员…',
    optionLabel: '{{name}}，@{{userId}}',
    mutedUntil: '你已被禁言，{{when}} 解除。',
    mutedForever: '你已被禁言。',
    mutedHint: '群主或管理员可以解除禁言。你仍然可以看到新消息。',
    mutedAll: '全员禁言中，只有群主和管理员可以发言。',
    noTopicPermission: '你没有在此话题中发言的权限。',
    noPermission: '你的群角色不能在这里发言。',
    left: '你已不是本群成员，之前的消息仍可查看。',
    receipt: '请求已读回执',
    receiptOn: '已请求已读回执：接下来发送的消息会统计成员已读情况。',
  },
  header: {
    members_one: '{{count, number}} 位成员',
    members_other: '{{count, number}} 位成员',
    info: '群资料',
    topicIn: '{{community}} 的话题',
  },
  info: {
    title: '群资料',
    close: '关闭群资料',
    pin: '置顶聊天',
    clear: '清空聊天记录',
    clearTitle: '清空「{{name}}」的聊天记录？',
    clearBody: '只会删除此设备上的消息，群和其他成员仍保留这些消息。',
    confirmClear: '清空',
    cancel: '取消',
    membersHiddenAv: '音视频聊天室不显示成员列表。',
  },
};
