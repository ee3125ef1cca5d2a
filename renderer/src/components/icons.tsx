import type { SVGProps } from 'react';

/** Line icons on a 24 px grid, drawn with currentColor; always decorative (the control carries the name). */
function Icon({ children, ...props }: SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const ClockIcon = () => (
  <Icon width={14} height={14} strokeWidth={2}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </Icon>
);

export const ArrowDownIcon = () => (
  <Icon width={18} height={18} strokeWidth={2}>
    <path d="M12 5v14M6 13l6 6 6-6" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon width={16} height={16} strokeWidth={2.2}>
    <path d="M5 12.5l4.2 4.2L19 7" />
  </Icon>
);

export const DoubleCheckIcon = () => (
  <Icon width={18} height={16} viewBox="0 0 28 24" strokeWidth={2.2}>
    <path d="M3 12.5l4.2 4.2L17 7" />
    <path d="M12.5 15.8l.9.9L23.2 7" />
  </Icon>
);

export const ErrorIcon = () => (
  <Icon width={16} height={16} strokeWidth={2}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5" />
    <path d="M12 16.5h.01" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
);

export const SendIcon = () => (
  <Icon strokeWidth={2}>
    <path d="M4.5 12L3 4.5l18 7.5-18 7.5L4.5 12z" />
    <path d="M4.5 12H12" />
  </Icon>
);

export const ComposeIcon = () => (
  <Icon>
    <path d="M12 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-6" />
    <path d="M17.6 3.6a2 2 0 0 1 2.8 2.8L12 14.8l-3.6.8.8-3.6 8.4-8.4z" />
  </Icon>
);

export const SettingsIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="3" />
    <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
  </Icon>
);

export const EyeIcon = () => (
  <Icon>
    <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
    <circle cx="12" cy="12" r="3" />
  </Icon>
);

export const EyeOffIcon = () => (
  <Icon>
    <path d="M10.6 5.1A10.6 10.6 0 0 1 12 5c6.4 0 10 7 10 7a17.6 17.6 0 0 1-2.6 3.6M6.6 6.6A17.3 17.3 0 0 0 2 12s3.6 7 10 7a9.7 9.7 0 0 0 5.4-1.6" />
    <path d="M9.9 9.9a3 3 0 0 0 4.2 4.2" />
    <path d="M3 3l18 18" />
  </Icon>
);

export const SignOutIcon = () => (
  <Icon>
    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
    <path d="M16 17l5-5-5-5" />
    <path d="M21 12H9" />
  </Icon>
);

export const RetryIcon = () => (
  <Icon width={14} height={14} strokeWidth={2.2}>
    <path d="M3 12a9 9 0 0 1 15.5-6.2L21 8" />
    <path d="M21 3v5h-5" />
    <path d="M21 12a9 9 0 0 1-15.5 6.2L3 16" />
    <path d="M3 21v-5h5" />
  </Icon>
);

export const CloudOffIcon = () => (
  <Icon width={16} height={16}>
    <path d="M3 3l18 18" />
    <path d="M18.5 18.5H7a5 5 0 0 1-1.5-9.8M9.3 5.6A6 6 0 0 1 18 10a4 4 0 0 1 2.6 7" />
  </Icon>
);

export const CheckCircleIcon = () => (
  <Icon width={16} height={16}>
    <circle cx="12" cy="12" r="9" />
    <path d="M8 12.5l2.7 2.7L16 9.8" />
  </Icon>
);

export const OfflineBoltIcon = () => (
  <Icon>
    <path d="M13 2L4.5 13.5H12L11 22l8.5-11.5H12L13 2z" />
  </Icon>
);

export const ShieldIcon = () => (
  <Icon>
    <path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z" />
    <path d="M9 12l2 2 4-4" />
  </Icon>
);

export const ServerIcon = () => (
  <Icon>
    <rect x="3" y="4" width="18" height="7" rx="2" />
    <rect x="3" y="13" width="18" height="7" rx="2" />
    <path d="M7 7.5h.01M7 16.5h.01" />
  </Icon>
);

/** The product mark: two overlapping speech bubbles. */
export const LogoMark = ({ size = 40 }: { size?: number }) => (
  <svg viewBox="0 0 48 48" width={size} height={size} aria-hidden="true" focusable="false">
    <defs>
      <linearGradient id="logo-gradient" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stopColor="#5b8cff" />
        <stop offset="1" stopColor="#2f5fe0" />
      </linearGradient>
    </defs>
    <rect width="48" height="48" rx="14" fill="url(#logo-gradient)" />
    <path d="M13 15.5c0-2 1.6-3.5 3.5-3.5h12c2 0 3.5 1.6 3.5 3.5v7.5c0 2-1.6 3.5-3.5 3.5H20l-5 4v-4.2A3.5 3.5 0 0 1 13 23z" fill="#fff" />
    <path d="M34.5 20.5c1.4.3 2.5 1.6 2.5 3.1v6.9c0 1.6-1.1 2.9-2.6 3.2V37l-4.3-3.3h-7.6c-1.2 0-2.3-.7-2.8-1.7h6.8c3 0 5.6-2.5 5.6-5.6v-5.9z" fill="#fff" opacity=".72" />
  </svg>
);

/** Empty-state art: a chat window with a waving bubble. Colours follow the theme variables. */
export const ChatIllustration = () => (
  <svg viewBox="0 0 160 120" width="160" height="120" aria-hidden="true" focusable="false">
    <rect x="18" y="14" width="124" height="92" rx="16" fill="var(--illustration-card)" />
    <rect x="30" y="30" width="62" height="18" rx="9" fill="var(--illustration-muted)" />
    <rect x="68" y="56" width="62" height="18" rx="9" fill="var(--accent)" opacity=".9" />
    <rect x="30" y="82" width="44" height="12" rx="6" fill="var(--illustration-muted)" />
    <circle cx="126" cy="24" r="12" fill="var(--accent)" />
    <path d="M121 24.5l3.3 3.3 6.2-6.6" stroke="#fff" strokeWidth="2.4" fill="none" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
