import type { MsgBody } from '../../../shared/domain';

/** The words of a message the local search index holds: every text-bearing element, in full. */
export function searchableText(body: MsgBody): string {
  return body
    .map((element) => {
      switch (element.MsgType) {
        case 'TIMTextElem':
          return element.MsgContent.Text;
        case 'TIMLocationElem':
          return element.MsgContent.Desc;
        case 'TIMCustomElem':
          return element.MsgContent.Desc ?? '';
        case 'TIMFaceElem':
          return '';
      }
    })
    .filter((text) => text.length > 0)
    .join('\n');
}
