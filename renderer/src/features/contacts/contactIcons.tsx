import type { ReactNode } from 'react';

/** Line icons of the rail and the contacts screen (decorative: the control carries the name). */
function Icon({ children, size = 20 }: { children: ReactNode; size?: number }) {
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

export const ChatsIcon = () => (
  <Icon size={22}>
    <path d="M4.5 6.5a2 2 0 0 1 2-2h11a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H10l-4 3.5v-3.5h0a2 2 0 0 1-1.5-2z" />
    <path d="M8.5 9.5h7M8.5 12.5h4.5" />
  </Icon>
);
export const ContactsIcon = () => (
  <Icon size={22}>
    <circle cx="9.5" cy="8.5" r="3.3" />
    <path d="M3.8 19c.6-3.2 3-5 5.7-5s5.1 1.8 5.7 5" />
    <path d="M15.5 5.6a3.2 3.2 0 0 1 0 5.8M17.4 14.3c1.5.7 2.5 2.2 2.8 4.7" />
  </Icon>
);
export const AddPersonIcon = () => (
  <Icon>
    <circle cx="10" cy="8.5" r="3.3" />
    <path d="M4 19c.6-3.2 3-5 6-5 1.4 0 2.7.4 3.7 1.1" />
    <path d="M18 13.5v6M15 16.5h6" />
  </Icon>
);
export const InboxIcon = () => (
  <Icon>
    <circle cx="10" cy="8.5" r="3.3" />
    <path d="M4 19c.6-3.2 3-5 6-5s5.4 1.8 6 5" />
    <path d="M17 6.5h4M19 4.5v4" />
  </Icon>
);
export const ListsIcon = () => (
  <Icon>
    <path d="M4 7.5h2M4 12h2M4 16.5h2M9.5 7.5H20M9.5 12H20M9.5 16.5H20" />
  </Icon>
);
export const BlockIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="8" />
    <path d="m6.4 6.4 11.2 11.2" />
  </Icon>
);
export const ChevronIcon = () => (
  <Icon size={16}>
    <path d="m9 6 6 6-6 6" />
  </Icon>
);
export const MessageIcon = () => (
  <Icon size={18}>
    <path d="M4.5 6.5a2 2 0 0 1 2-2h11a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H10l-4 3.5v-3.5a2 2 0 0 1-1.5-2z" />
  </Icon>
);
export const CameraIcon = () => (
  <Icon size={18}>
    <path d="M4 8.5a2 2 0 0 1 2-2h1.8l1.4-2h5.6l1.4 2H18a2 2 0 0 1 2 2V17a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z" />
    <circle cx="12" cy="12.5" r="3.3" />
  </Icon>
);
export const DeviceIcon = () => (
  <Icon>
    <rect x="3.5" y="5" width="17" height="11" rx="1.8" />
    <path d="M9 19.5h6M12 16v3.5" />
  </Icon>
);
export const PhoneIcon = () => (
  <Icon>
    <rect x="7" y="3.5" width="10" height="17" rx="2.2" />
    <path d="M11 17.5h2" />
  </Icon>
);
export const GlobeIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M3.5 12h17M12 3.5c2.3 2.4 3.4 5.2 3.4 8.5s-1.1 6.1-3.4 8.5c-2.3-2.4-3.4-5.2-3.4-8.5S9.7 5.9 12 3.5z" />
  </Icon>
);
