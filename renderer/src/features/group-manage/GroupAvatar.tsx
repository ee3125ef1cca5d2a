import type { GroupInfo } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { useAvatarSrc } from '../contacts/people';
import { GroupTypeIcon } from './groupIcons';

/** A group's photo (through the core's media route) or its monogram, with a small type glyph. */
export function GroupAvatar({ group, size }: { group: Pick<GroupInfo, 'groupId' | 'name' | 'faceUrl' | 'type'>; size: 'small' | 'medium' | 'large' | 'xlarge' }) {
  const src = useAvatarSrc(group.faceUrl || undefined);
  return (
    <span className="group-avatar">
      <Avatar id={group.groupId} name={group.name} size={size} src={src} />
      <span className={`group-avatar__type group-type--${group.type}`} aria-hidden="true">
        <GroupTypeIcon type={group.type} size={12} />
      </span>
    </span>
  );
}
