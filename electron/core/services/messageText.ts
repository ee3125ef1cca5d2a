import { MsgElem, type StoredElem } from '../../../shared/domain';

/**
 * The words of a message the local search index holds (M11): every text-bearing element in
 * full — text, a location's description, a custom element's description, a file's name, and
 * a combined message's title and abstract lines. Media without words and unknown element
 * types add nothing.
 */
export function searchableText(body: readonly StoredElem[]): string {
  return body
    .map((raw) => {
      const parsed = MsgElem.safeParse(raw);
      if (!parsed.success) return '';
      const element = parsed.data;
      switch (element.MsgType) {
        case 'TIMTextElem':
          return element.MsgContent.Text;
        case 'TIMLocationElem':
          return element.MsgContent.Desc;
        case 'TIMCustomElem':
          return element.MsgContent.Desc ?? '';
        case 'TIMFileElem':
          return element.MsgContent.FileName;
        case 'TIMRelayElem':
          return [element.MsgContent.Title, ...element.MsgContent.AbstractList].join('\n');
        case 'TIMFaceElem':
        case 'TIMImageElem':
        case 'TIMSoundElem':
        case 'TIMVideoFileElem':
          return '';
      }
    })
    .filter((text) => text.length > 0)
    .join('\n');
}
