import { memo } from 'react';
import type { PresenceStatus } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';

interface ContactRowProps {
  userId: string;
  name: string;
  /** Second line: custom status, signature or presence. */
  detail: string;
  presence: PresenceStatus | null;
  presenceLabel?: string;
  photo: string | null;
  selected: boolean;
  onSelect: (userId: string) => void;
}

/** One person in the contacts list: one button, named by what it shows. */
export const ContactRow = memo(function ContactRow({ userId, name, detail, presence, presenceLabel, photo, selected, onSelect }: ContactRowProps) {
  return (
    <button
      type="button"
      className={`contact-row ${selected ? 'contact-row--active' : ''}`}
      aria-current={selected ? 'true' : undefined}
      data-user-id={userId}
      onClick={() => onSelect(userId)}
    >
      <Avatar id={userId} name={name} size="small" presence={presence} presenceLabel={presenceLabel} src={photo} />
      <span className="contact-row__text">
        <span className="contact-row__name">{name}</span>
        {detail && <span className="contact-row__detail">{detail}</span>}
      </span>
    </button>
  );
});
