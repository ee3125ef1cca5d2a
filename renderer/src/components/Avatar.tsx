import type { PresenceStatus } from '../../../shared/domain';
import { avatarColor, initialsOf } from './avatarLook';
import './components.css';

interface AvatarProps {
  /** Stable identity (UserID) for the colour. */
  id: string;
  name: string;
  size?: 'small' | 'medium' | 'large';
  presence?: PresenceStatus | null;
  /** Said by screen readers for the dot, e.g. "Online". */
  presenceLabel?: string;
}

/** Decorative: the name always appears in text beside it, so the avatar itself is hidden from screen readers. */
export function Avatar({ id, name, size = 'medium', presence = null, presenceLabel }: AvatarProps) {
  return (
    <span className={`avatar avatar--${size}`} style={{ backgroundColor: avatarColor(id) }}>
      <span aria-hidden="true">{initialsOf(name)}</span>
      {presence && (
        <span className={`presence-dot presence-dot--${presence}`} role="img" aria-label={presenceLabel ?? presence} />
      )}
    </span>
  );
}
