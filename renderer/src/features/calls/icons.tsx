import type { ReactNode } from 'react';

/** Call controls' icons (24 px grid, currentColor). Decorative: every button carries its own name. */
function Icon({ children, size = 22 }: { children: ReactNode; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth={1.9} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const HANDSET = 'M5 4h3.2l1.6 4-2 1.3a11 11 0 0 0 6.9 6.9l1.3-2 4 1.6V19a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z';

export const PhoneIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path d={HANDSET} />
  </Icon>
);

/** A handset turned down: hang up / decline. */
export const HangUpIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path d="M3.5 14.5c4.7-4.3 12.3-4.3 17 0l-1.6 2.7-3.6-1.2-.4-2.6a10 10 0 0 0-5.8 0l-.4 2.6-3.6 1.2z" fill="currentColor" stroke="none" />
  </Icon>
);

export const VideoIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <rect x="2.5" y="6" width="13" height="12" rx="2.5" />
    <path d="M15.5 10.2 21 7v10l-5.5-3.2z" />
  </Icon>
);

export const VideoOffIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path d="M10 6h3a2.5 2.5 0 0 1 2.5 2.5v2l5.5-3.3v9.6" />
    <path d="M15.5 15.5a2.5 2.5 0 0 1-2.5 2.5H5a2.5 2.5 0 0 1-2.5-2.5v-7A2.5 2.5 0 0 1 5 6" />
    <path d="M3 3l18 18" />
  </Icon>
);

export const MicIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
  </Icon>
);

export const MicOffIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path d="M15 10V6a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 4.6 2.5" />
    <path d="M18.5 11a6.5 6.5 0 0 1-1 3.4M5.5 11a6.5 6.5 0 0 0 10.3 5.3M12 17.5V21M3 3l18 18" />
  </Icon>
);

export const MinimiseIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path d="M4 14h6v6M20 10h-6V4M14 10l7-7M3 21l7-7" />
  </Icon>
);

export const ExpandIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path d="M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7" />
  </Icon>
);

export const AddPersonIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <circle cx="9" cy="8" r="4" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0M19 8v6M16 11h6" />
  </Icon>
);

export const AudioOnlyIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path d="M4 10v4M8 7v10M12 4v16M16 7v10M20 10v4" />
  </Icon>
);

export const SettingsIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path d="M4 7h10M18 7h2M4 17h2M10 17h10" />
    <circle cx="16" cy="7" r="2" />
    <circle cx="8" cy="17" r="2" />
  </Icon>
);

/** Signal bars filled by quality. */
export function QualityBars({ level }: { level: 0 | 1 | 2 | 3 }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {[0, 1, 2].map((i) => (
        <rect key={i} x={2 + i * 5} y={10 - i * 4} width="3" height={4 + i * 4} rx="1" fill="currentColor" opacity={i < level ? 1 : 0.3} />
      ))}
    </svg>
  );
}
