import { useState } from 'react';
import type { PresenceStatus } from '../../../shared/domain';
import { avatarColor, initialsOf } from './avatarLook';
import './components.css';

interface AvatarProps {
  /** Stable identity (UserID) for the colour. */
  id: string;
  name: string;
  size?: 'small' | 'medium' | 'large' | 'xlarge';
  presence?: PresenceStatus | null;
  /** Said by screen readers for the dot, e.g. "Online". */
  presenceLabel?: string;
  /** A photo (loaded from the core's media route); the initials show until it loads, and stay if it cannot. */
  src?: string | null;
}

/** Decorative: the name always appears in text beside it, so the avatar itself is hidden from screen readers. */
export function Avatar({ id, name, size = 'medium', presence = null, presenceLabel, src = null }: AvatarProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  return (
    <span className={`avatar avatar--${size}`} style={{ backgroundColor: avatarColor(id) }}>
      <span aria-hidden="true">{initialsOf(name)}</span>
      {src && failedSrc !== src && <img className="avatar__photo" src={src} alt="" loading="lazy" onError={() => setFailedSrc(src)} />}
      {presence && (
        <span className={`presence-dot presence-dot--${presence}`} role="img" aria-label={presenceLabel ?? presence} />
      )}
    </span>
  );
}
