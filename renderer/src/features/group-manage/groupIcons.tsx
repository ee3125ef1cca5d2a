import type { ReactNode } from 'react';
import type { GroupType } from '../../../../shared/domain';

/** Line icons of the group screens (decorative: the control or text beside carries the name). */
function Icon({ children, size = 20 }: { children: ReactNode; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const GroupsIcon = () => (
  <Icon>
    <circle cx="8" cy="9" r="2.8" />
    <circle cx="16" cy="9" r="2.8" />
    <path d="M3 18.5c.5-2.7 2.5-4.3 5-4.3s4.5 1.6 5 4.3M11 18.5c.5-2.7 2.5-4.3 5-4.3s4.5 1.6 5 4.3" />
  </Icon>
);
export const GroupRequestsIcon = () => (
  <Icon>
    <path d="M4 13.5 6.5 6h11l2.5 7.5V18a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 18z" />
    <path d="M4 13.5h4.5l1.2 2h4.6l1.2-2H20" />
  </Icon>
);
export const SearchIcon = () => (
  <Icon>
    <circle cx="11" cy="11" r="6" />
    <path d="m20 20-4.2-4.2" />
  </Icon>
);
export const PlusIcon = () => (
  <Icon>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);
export const CopyIcon = () => (
  <Icon size={18}>
    <rect x="8.5" y="8.5" width="11" height="11" rx="2" />
    <path d="M15.5 8.5V6a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5" />
  </Icon>
);
export const MutedIcon = () => (
  <Icon size={16}>
    <path d="M11 5 6.5 9H4v6h2.5L11 19z" />
    <path d="m16 9.5 5 5M21 9.5l-5 5" />
  </Icon>
);
export const TopicIcon = () => (
  <Icon size={18}>
    <path d="M9 4 7 20M17 4l-2 16M4.5 9h15M3.5 15h15" />
  </Icon>
);
export const ShieldIcon = () => (
  <Icon size={18}>
    <path d="M12 3.5 5 6v5.5c0 4.2 2.9 7.6 7 9 4.1-1.4 7-4.8 7-9V6z" />
  </Icon>
);

const TYPE_PATHS: Record<GroupType, ReactNode> = {
  Work: (
    <>
      <rect x="4" y="7.5" width="16" height="11.5" rx="2" />
      <path d="M9 7.5V6a1.5 1.5 0 0 1 1.5-1.5h3A1.5 1.5 0 0 1 15 6v1.5M4 12.5h16" />
    </>
  ),
  Public: (
    <>
      <circle cx="12" cy="12" r="8" />
      <path d="M4 12h16M12 4c2.2 2.3 3.2 5 3.2 8s-1 5.7-3.2 8c-2.2-2.3-3.2-5-3.2-8s1-5.7 3.2-8z" />
    </>
  ),
  Meeting: (
    <>
      <rect x="4" y="5.5" width="16" height="14" rx="2" />
      <path d="M4 10h16M8.5 3.5v4M15.5 3.5v4" />
    </>
  ),
  AVChatRoom: (
    <>
      <rect x="3.5" y="7" width="12" height="10" rx="2" />
      <path d="m15.5 10.5 5-3v9l-5-3z" />
    </>
  ),
  Community: (
    <>
      <path d="M4 10.5 12 4l8 6.5" />
      <path d="M6 9v10h12V9" />
      <path d="M10 19v-5h4v5" />
    </>
  ),
};

export const GroupTypeIcon = ({ type, size = 20 }: { type: GroupType; size?: number }) => <Icon size={size}>{TYPE_PATHS[type]}</Icon>;
