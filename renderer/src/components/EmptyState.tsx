import type { ReactNode } from 'react';
import './components.css';

interface EmptyStateProps {
  illustration?: ReactNode;
  title: string;
  body: string;
  action?: ReactNode;
  headingLevel?: 2 | 3;
}

export function EmptyState({ illustration, title, body, action, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={`empty-state ${illustration ? '' : 'empty-state--compact'}`}>
      {illustration && (
        <div className="empty-state__art" aria-hidden="true">
          {illustration}
        </div>
      )}
      <Heading className="empty-state__title">{title}</Heading>
      <p className="empty-state__body">{body}</p>
      {action}
    </div>
  );
}
