import { GROUP_TYPE_TRAITS, type GroupTipKind, type GroupTypeTraits, type StoredBody } from '../../../../shared/domain';
import { type GroupRecord } from '../../store/groupTypes';

/** A change the groups services report (G5); `operator` null is the app admin. */
export interface GroupTip {
  group: GroupRecord;
  kind: GroupTipKind;
  operator: string | null;
  targets: readonly string[];
  changes?: Record<string, string>;
  /** Seed: "disabled by default" (mute-all and ApplyJoinOption changes): only with --group-tips. */
  offByDefault?: boolean;
  /** ADR 0005: stored in this topic's conversation instead of the group's (resolving, moving messages). */
  topicId?: string;
}

export type TipMode = 'stored' | 'online' | 'off';

/**
 * How a tip travels, per GROUP_TYPE_TRAITS (ADR 0004 §3 "Tips"): member changes, profile changes and member
 * info changes each by their trait; topic changes and creation are stored in the group's conversation
 * (where anything is stored); mute-all and ApplyJoinOption changes are off unless enabled.
 */
export function tipMode(tip: Pick<GroupTip, 'kind' | 'offByDefault'>, traits: GroupTypeTraits, optionalTips: boolean): TipMode {
  if (tip.offByDefault && !optionalTips) return 'off';
  const stored: TipMode = traits.storesHistory ? 'stored' : 'online';
  switch (tip.kind) {
    case 'joined':
    case 'invited':
    case 'quit':
    case 'kicked':
      return traits.memberChangeTips;
    case 'profileChanged':
    case 'ownerChanged':
      return traits.profileChangeTips;
    case 'adminSet':
    case 'adminUnset':
    case 'memberMuted':
    case 'memberUnmuted':
      return traits.memberInfoChangeTips;
    case 'muteAll':
      return optionalTips ? stored : 'off';
    case 'created':
    case 'topicCreated':
    case 'topicChanged':
    case 'topicDeleted':
    case 'topicResolved':
    case 'topicReopened':
    case 'messagesMoved':
      return stored;
    case 'disbanded':
      return 'online';
  }
}

export function tipModeFor(tip: GroupTip, optionalTips: boolean): TipMode {
  return tipMode(tip, GROUP_TYPE_TRAITS[tip.group.type], optionalTips);
}

/** The tip's one TIMGroupTipElem; the app admin operates as `systemSender`. */
export function tipBody(tip: GroupTip, systemSender: string): StoredBody {
  return [
    {
      MsgType: 'TIMGroupTipElem',
      MsgContent: { Kind: tip.kind, Operator: tip.operator ?? systemSender, Targets: [...tip.targets].slice(0, 500), Changes: tip.changes ?? {} },
    },
  ];
}
