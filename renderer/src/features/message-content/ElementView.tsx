import { Component, type ReactNode } from 'react';
import { MsgElem, type StoredElem } from '../../../../shared/domain';
import { CustomElement } from './CustomElement';
import { FaceElement } from './FaceElement';
import { FileElement } from './FileElement';
import { ImageElement } from './ImageElement';
import { LocationElement } from './LocationElement';
import { RelayElement } from './RelayElement';
import { SoundElement } from './SoundElement';
import { TextElement } from './TextElement';
import { UnknownElement } from './UnknownElement';
import { VideoElement } from './VideoElement';

/** What a stored element's type is called, for the fallback (a non-string type from a broken peer included). */
function typeName(raw: StoredElem): string {
  return typeof raw.MsgType === 'string' && raw.MsgType ? raw.MsgType : '?';
}

/** One element, by type; an unknown or malformed one becomes a readable fallback. */
export function ElementView({ element }: { element: StoredElem }) {
  const parsed = MsgElem.safeParse(element);
  if (!parsed.success) return <UnknownElement type={typeName(element)} />;
  const known = parsed.data;
  let view: ReactNode;
  switch (known.MsgType) {
    case 'TIMTextElem':
      view = <TextElement text={known.MsgContent.Text} />;
      break;
    case 'TIMFaceElem':
      view = <FaceElement index={known.MsgContent.Index} data={known.MsgContent.Data} />;
      break;
    case 'TIMLocationElem':
      view = <LocationElement desc={known.MsgContent.Desc} latitude={known.MsgContent.Latitude} longitude={known.MsgContent.Longitude} />;
      break;
    case 'TIMCustomElem':
      view = <CustomElement desc={known.MsgContent.Desc} data={known.MsgContent.Data} />;
      break;
    case 'TIMImageElem':
      view = <ImageElement content={known.MsgContent} />;
      break;
    case 'TIMSoundElem':
      view = <SoundElement content={known.MsgContent} />;
      break;
    case 'TIMFileElem':
      view = <FileElement content={known.MsgContent} />;
      break;
    case 'TIMVideoFileElem':
      view = <VideoElement content={known.MsgContent} />;
      break;
    case 'TIMRelayElem':
      view = <RelayElement content={known.MsgContent} />;
      break;
  }
  return <ElementBoundary type={known.MsgType}>{view}</ElementBoundary>;
}

/** A rendering bug in one element shows that element's fallback, not a blank window. */
class ElementBoundary extends Component<{ type: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <UnknownElement type={this.props.type} /> : this.props.children;
  }
}
