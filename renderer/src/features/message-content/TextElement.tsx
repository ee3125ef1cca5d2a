import { isJumboEmoji, linkify } from './linkify';

/**
 * Plain text with its links made clickable. Only http(s) and mailto become
 * links; everything else, HTML included, is text (React escapes it).
 * Links open outside the app (target=_blank: the hosts hand new windows to
 * the system browser).
 */
export function TextElement({ text }: { text: string }) {
  const jumbo = isJumboEmoji(text);
  return (
    <span className={`bubble__text ${jumbo ? 'bubble__text--jumbo' : ''}`}>
      {linkify(text).map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} className="content-link" href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </span>
  );
}
