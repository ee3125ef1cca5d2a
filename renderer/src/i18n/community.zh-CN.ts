import type { CommunityCatalog } from './community.en';

/** 社群（第 5 期 G7）：侧栏社群图标、话题列表和话题聊天；键与 community.en.ts 完全一致。 */
export const communityZhCN: CommunityCatalog = {
  railLabel: '社群',
  railUnread_one: '{{count}} 条未读消息',
  railUnread_other: '{{count}} 条未读消息',
  railMention: '有人@你',
  members_one: '{{count}} 位成员',
  members_other: '{{count}} 位成员',
  menu: '社群选项',
  menuLabel: '{{name}} 的选项',
  profile: '社群资料与设置',
  newTopic: '新建话题',
  topicsLabel: '{{name}} 的话题',
  topicUnread_one: '{{count}} 条未读',
  topicUnread_other: '{{count}} 条未读',
  topicMention: '有人@你',
  topicMentionAll: '@所有人',
  topicMuted: '已免打扰',
  emptyTitle: '还没有话题',
  emptyBodyManager: '话题是大家聊天的地方。先创建第一个吧，例如“综合”。',
  emptyBodyMember: '管理员还没有创建话题，创建后会显示在这里。',
  opening: '正在打开 {{name}}…',
  openFailed: '无法打开 {{name}}：{{reason}}',
  retry: '重试',
  gone: '你已不在这个社群中。',
};
