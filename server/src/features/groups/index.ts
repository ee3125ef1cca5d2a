import { type Clock } from '../../clock';
import { type Delivery } from '../../gateway/delivery';
import { type Store } from '../../store/types';
import { type GroupTip } from '../groupMessages/tips';
import { CommunitiesService } from './communities.service';
import { GroupAccess } from './groupAccess';
import { type GroupSettings } from './groupSettings';
import { GroupsService } from './groups.service';
import { MembersService } from './members.service';

export { APP_ADMIN, asUser, type GroupIdentity } from './groupAccess';

/** Issue 5: the three group services over one shared access layer (store, pushes, views, the actor's standing). */
export interface GroupsFeature {
  groups: GroupsService;
  members: MembersService;
  communities: CommunitiesService;
  /** G5: where the services' changes go as tips (group messaging). */
  setTips(sink: (tip: GroupTip) => Promise<void>): void;
}

export function createGroupsFeature(deps: { store: Store; delivery: Delivery; clock: Clock; settings: GroupSettings }): GroupsFeature {
  const access = new GroupAccess(deps);
  return {
    groups: new GroupsService(access),
    members: new MembersService(access),
    communities: new CommunitiesService(access),
    setTips: (sink) => access.setTips(sink),
  };
}
