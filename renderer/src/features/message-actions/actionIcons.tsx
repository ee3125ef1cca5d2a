import type { ReactNode } from 'react';

/** Line icons for message and conversation actions (decorative: the control carries the name). */
function Icon({ children, size = 18 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const SmileIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M8.5 14.2c.9 1.3 2.1 2 3.5 2s2.6-.7 3.5-2" />
    <path d="M9 9.8h.01M15 9.8h.01" strokeWidth={2.6} />
  </Icon>
);
export const ReplyIcon = () => (
  <Icon>
    <path d="M10 8 5 12.5 10 17" />
    <path d="M5.5 12.5H14a5 5 0 0 1 5 5V19" />
  </Icon>
);
export const EditIcon = () => (
  <Icon>
    <path d="M4.5 19.5h4l10-10a2.8 2.8 0 0 0-4-4l-10 10z" />
    <path d="m13.5 6.5 4 4" />
  </Icon>
);
export const RecallIcon = () => (
  <Icon>
    <path d="M4.5 9.5h10a5 5 0 0 1 0 10H8" />
    <path d="M8 5.5 4 9.5l4 4" />
  </Icon>
);
export const CopyIcon = () => (
  <Icon>
    <rect x="8.5" y="8.5" width="11" height="11" rx="2" />
    <path d="M15.5 8.5v-2a2 2 0 0 0-2-2h-7a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h2" />
  </Icon>
);
export const ForwardIcon = () => (
  <Icon>
    <path d="M14 8l5 4.5-5 4.5" />
    <path d="M18.5 12.5H10a5 5 0 0 0-5 5V19" />
  </Icon>
);
/** A message leaving for another topic: an arrow out of a tray. */
export const MoveIcon = () => (
  <Icon>
    <path d="M4.5 14v3.5a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V14" />
    <path d="M12 4.5v10M8 8.5l4-4 4 4" />
  </Icon>
);
/** A check in a circle: a resolved topic. */
export const ResolvedIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="8" />
    <path d="M8.5 12.2l2.4 2.4 4.6-4.8" />
  </Icon>
);
export const SelectIcon = () => (
  <Icon>
    <rect x="4.5" y="4.5" width="15" height="15" rx="3.5" />
    <path d="m8.5 12.2 2.4 2.4 4.8-5" />
  </Icon>
);
export const TrashIcon = () => (
  <Icon>
    <path d="M4.5 7h15M9.5 7V5h5v2M6.5 7l1 12.5h9l1-12.5" />
  </Icon>
);
export const FlagIcon = () => (
  <Icon>
    <path d="M6 20.5V4.5M6 5h11l-2.5 4L17 13H6" />
  </Icon>
);
export const MoreIcon = () => (
  <Icon>
    <path d="M6 12h.01M12 12h.01M18 12h.01" strokeWidth={3} />
  </Icon>
);
export const PinIcon = ({ size = 18 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M9 4.5h6l-1 5 3 3v1.5H7V12.5l3-3z" />
    <path d="M12 14v6" />
  </Icon>
);
export const MuteIcon = ({ size = 18 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M6 16.5h12l-1.5-2.5V10a4.5 4.5 0 0 0-9 0v4z" />
    <path d="M10.2 19.5a2 2 0 0 0 3.6 0M4 4l16 16" />
  </Icon>
);
export const ReadIcon = () => (
  <Icon>
    <path d="m3.5 12.5 4 4 8-9M12.5 15.5l1 1 8-9" />
  </Icon>
);
export const EraseIcon = () => (
  <Icon>
    <path d="M8.5 19.5h11M5 15.5l8.5-9.5 5.5 5-6 7.5H8z" />
  </Icon>
);
export const SearchIcon = () => (
  <Icon size={20}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m16 16 4 4" />
  </Icon>
);
