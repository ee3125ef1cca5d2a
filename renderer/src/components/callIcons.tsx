import type { ReactNode } from 'react';

/** Line icons for calls (24 px grid, currentColor, decorative): call records and the call history. */
function Icon({ children, size = 18 }: { children: ReactNode; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
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

export const VideoCamIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <rect x="2.5" y="6" width="13" height="12" rx="2.5" />
    <path d="M15.5 10.2 21 7v10l-5.5-3.2z" />
  </Icon>
);

/** A handset with an arrow: out (I called), in (I answered), or crossed (missed). */
export const CallDirectionIcon = ({ direction, size = 16 }: { direction: 'outgoing' | 'incoming' | 'missed' | 'declined'; size?: number }) => (
  <Icon size={size}>
    <path d={HANDSET} />
    {direction === 'outgoing' && <path d="M15 3h6v6M21 3l-6.5 6.5" />}
    {direction === 'incoming' && <path d="M20.5 9.5h-6v-6M14.5 9.5 21 3" />}
    {(direction === 'missed' || direction === 'declined') && <path d="M15 3.5l5.5 5.5M20.5 3.5 15 9" />}
  </Icon>
);
