import { useTranslation } from 'react-i18next';

// Tencent's classic face set starts with these; an index beyond them still shows as a numbered sticker.
const CLASSIC_FACES = ['😲', '😖', '😍', '😶', '😎', '😭', '☺️', '🤐', '😪', '😢', '😅', '😡', '😜', '😁', '🙂', '🙁', '😎', '😳', '😤', '🤮', '🤭', '😊', '🙄', '😕'];

/** A sticker: the face's own emoji data when it is short text, else the classic face for its index. */
export function FaceElement({ index, data }: { index: number; data?: string }) {
  const { t } = useTranslation();
  const glyph = data && data.length <= 16 && !/[<>]/.test(data) && /\p{Extended_Pictographic}/u.test(data) ? data : CLASSIC_FACES[index];
  const label = t('content.sticker', { index });
  return glyph ? (
    <span className="content-face" role="img" aria-label={label} title={label}>
      {glyph}
    </span>
  ) : (
    <span className="content-face content-face--numbered">{label}</span>
  );
}
