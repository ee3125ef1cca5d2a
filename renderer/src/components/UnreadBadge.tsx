import './components.css';

interface UnreadBadgeProps {
  count: number;
  /** e.g. "3 unread messages": what a screen reader says instead of the bare number. */
  label: string;
}

export function UnreadBadge({ count, label }: UnreadBadgeProps) {
  if (count <= 0) return null;
  return (
    <span className="unread-badge">
      <span aria-hidden="true">{count > 999 ? '999+' : count}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
