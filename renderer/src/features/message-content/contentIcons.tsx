import type { ReactNode, SVGProps } from 'react';

/** Line icons for message content, viewers and attachments (24 px grid, currentColor, decorative). */
function Icon({ children, size = 20, ...props }: SVGProps<SVGSVGElement> & { size?: number; children: ReactNode }) {
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
      {...props}
    >
      {children}
    </svg>
  );
}

export const PinIcon = () => (
  <Icon size={22}>
    <path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0c0 5.4-6.5 11-6.5 11z" />
    <circle cx="12" cy="10" r="2.4" />
  </Icon>
);

export const QuestionIcon = () => (
  <Icon size={18}>
    <circle cx="12" cy="12" r="9" />
    <path d="M9.6 9.3a2.5 2.5 0 0 1 4.8.9c0 1.7-2.4 2.2-2.4 3.6" />
    <path d="M12 17h.01" />
  </Icon>
);

export const PlayIcon = ({ size = 18 }: { size?: number }) => (
  <Icon size={size} fill="currentColor" strokeWidth={1}>
    <path d="M8 5.5v13a.6.6 0 0 0 .9.5l10.2-6.5a.6.6 0 0 0 0-1L8.9 5a.6.6 0 0 0-.9.5z" />
  </Icon>
);

export const PauseIcon = () => (
  <Icon size={18} fill="currentColor" strokeWidth={1}>
    <rect x="6.5" y="5" width="4" height="14" rx="1" />
    <rect x="13.5" y="5" width="4" height="14" rx="1" />
  </Icon>
);

export const DownloadIcon = ({ size = 18 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M12 4v11M7 10.5l5 5 5-5" />
    <path d="M5 19.5h14" />
  </Icon>
);

export const OpenFileIcon = () => (
  <Icon size={18}>
    <path d="M14 4h6v6" />
    <path d="M20 4l-8.5 8.5" />
    <path d="M18 14v4.5A1.5 1.5 0 0 1 16.5 20h-11A1.5 1.5 0 0 1 4 18.5v-11A1.5 1.5 0 0 1 5.5 6H10" />
  </Icon>
);

export const FolderIcon = () => (
  <Icon size={18}>
    <path d="M3.5 7.5A1.5 1.5 0 0 1 5 6h4l2 2h8a1.5 1.5 0 0 1 1.5 1.5v8A1.5 1.5 0 0 1 19 19H5a1.5 1.5 0 0 1-1.5-1.5z" />
  </Icon>
);

export const ZoomInIcon = () => (
  <Icon>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M20 20l-4.3-4.3M11 8.5v5M8.5 11h5" />
  </Icon>
);

export const ZoomOutIcon = () => (
  <Icon>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M20 20l-4.3-4.3M8.5 11h5" />
  </Icon>
);

export const FitIcon = () => (
  <Icon>
    <path d="M4 9V5.5A1.5 1.5 0 0 1 5.5 4H9M15 4h3.5A1.5 1.5 0 0 1 20 5.5V9M20 15v3.5a1.5 1.5 0 0 1-1.5 1.5H15M9 20H5.5A1.5 1.5 0 0 1 4 18.5V15" />
  </Icon>
);

export const PaperclipIcon = () => (
  <Icon>
    <path d="M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.2-8.2a3.4 3.4 0 0 1 4.8 4.8l-8.2 8.2a1.7 1.7 0 0 1-2.4-2.4l7.5-7.5" />
  </Icon>
);

export const MicIcon = () => (
  <Icon>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
  </Icon>
);

export const TrashIcon = () => (
  <Icon>
    <path d="M4.5 7h15M9.5 7V4.5h5V7M6.5 7l.8 12a1.5 1.5 0 0 0 1.5 1.4h6.4a1.5 1.5 0 0 0 1.5-1.4l.8-12" />
  </Icon>
);

export const BackIcon = () => (
  <Icon>
    <path d="M15 5l-7 7 7 7" />
  </Icon>
);

export const ShieldCheckIcon = () => (
  <Icon size={16}>
    <path d="M12 21s7.5-3.6 7.5-9.3V5.4L12 2.7 4.5 5.4v6.3C4.5 17.4 12 21 12 21z" />
    <path d="M8.8 11.8l2.2 2.2 4.2-4.3" />
  </Icon>
);

export const ShieldAlertIcon = () => (
  <Icon size={16}>
    <path d="M12 21s7.5-3.6 7.5-9.3V5.4L12 2.7 4.5 5.4v6.3C4.5 17.4 12 21 12 21z" />
    <path d="M12 8v4.5M12 15.8h.01" />
  </Icon>
);

export const HistoryIcon = () => (
  <Icon size={16}>
    <path d="M5 5.5h11a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H10l-4 3v-3H5a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2z" />
    <path d="M7 9h7M7 12h4.5" />
    <path d="M21 9.5v6a2 2 0 0 1-2 2" />
  </Icon>
);

export const LinkOutIcon = () => (
  <Icon size={16}>
    <path d="M10 14l10-10M14 4h6v6" />
    <path d="M19 14v4.5a1.5 1.5 0 0 1-1.5 1.5h-12A1.5 1.5 0 0 1 4 18.5v-12A1.5 1.5 0 0 1 5.5 5H10" />
  </Icon>
);
