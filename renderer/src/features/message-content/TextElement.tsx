import { useContext, type ReactNode } from 'react';
import { isJumboEmoji, linkify } from './linkify';
import { MentionsContext, mentionSegments } from './mentions';

/** Plain text, with "@Name" tokens styled when the message mentions someone (M8). */
function PlainText({ text, mentions }: { text: string; mentions: boolean }): ReactNode {
  if (!mentions) return text;
  return mentionSegments(text).map((segment, index) =>
    segment.kind === 'mention' ? (
      <span key={index} className="content-mention">
        {segment.text}
      </span>
    ) : (
      segment.text
    ),
  );
}

/**
 * Plain text with its links made clickable. Only http(s) and mailto become
 * links; everything else, HTML included, is text (React escapes it).
 * Links open outside the app (target=_blank: the hosts hand new windows to
 * the system browser).
 */
export function TextElement({ text }: { text: string }) {
  const jumbo = isJumboEmoji(text);
  const mentions = useContext(MentionsContext);
  return (
    <span className={`bubble__text ${jumbo ? 'bubble__text--jumbo' : ''}`}>
      {linkify(text).map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} className="content-link" href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          <PlainText key={index} text={segment.text} mentions={mentions} />
        ),
      )}
    </span>
  );
}
