import { BLOB_HASH, type ChatMessage, type StoredBody } from '../../../../shared/domain';
import { ElementView } from './ElementView';
import { MentionsContext } from './mentions';
import { UploadProgress } from './UploadProgress';
import './message-content.css';

/** How the bubble around a body is drawn: media alone fills it edge to edge. */
export type BodyLayout = 'text' | 'media' | 'card';

/** Only pictures and videos of our own server show as media; another service's are link cards (ExternalMedia). */
function isOwnBlob(uuid: unknown): boolean {
  return typeof uuid === 'string' && BLOB_HASH.test(uuid);
}

export function layoutOf(body: StoredBody): BodyLayout {
  if (body.length !== 1) return 'text';
  const type = body[0]?.MsgType;
  const content = body[0]?.MsgContent as { UUID?: unknown; VideoUUID?: unknown } | null | undefined;
  if (type === 'TIMImageElem') return isOwnBlob(content?.UUID) ? 'media' : 'card';
  if (type === 'TIMVideoFileElem') return isOwnBlob(content?.VideoUUID) ? 'media' : 'card';
  if (type === 'TIMFileElem' || type === 'TIMRelayElem' || type === 'TIMLocationElem' || type === 'TIMSoundElem') return 'card';
  return 'text';
}

/** Every element of a body, top to bottom (multi-element messages stack). */
export function ElementList({ body }: { body: StoredBody }) {
  if (body.length === 1 && body[0]) return <ElementView element={body[0]} />;
  return (
    <span className="content-stack">
      {body.map((element, index) => (
        <span key={index} className="content-stack__item">
          <ElementView element={element} />
        </span>
      ))}
    </span>
  );
}

/** What goes inside a message's bubble: its elements, and an upload's progress while it is on its way. */
export function MessageContent({ message }: { message: ChatMessage }) {
  return (
    <MentionsContext.Provider value={message.groupAt !== null}>
      <ElementList body={message.body} />
      {message.transfer && <UploadProgress id={message.id} transfer={message.transfer} />}
    </MentionsContext.Provider>
  );
}
