import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../shared/ipc';
import { useChatStore } from '../../state';
import { useCallActions } from './CallContext';
import { useTiles } from './CallScreen';
import { CallDuration } from './CallStatus';
import { ExpandIcon, HangUpIcon } from './icons';
import { VideoTile } from './VideoTile';

/** C3: the call shrunk to a small tile (bottom right, draggable) while the chat stays usable; a click restores it. */
export function FloatingCall({ call }: { call: CallView }) {
  const { t } = useTranslation('calls');
  const actions = useCallActions();
  const restore = useChatStore((s) => s.callMinimisedChanged);
  const { tiles, me } = useTiles(call);
  const shown = tiles.find((tile) => tile.speaking) ?? tiles.find((tile) => tile.video) ?? tiles[0] ?? me;
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; ox: number; oy: number; moved: boolean } | null>(null);

  return (
    <aside
      className="call-float"
      aria-label={t('controls.restore')}
      style={{ transform: `translate(${offset.x}px, ${offset.y}px)` }}
      onPointerDown={(event) => {
        if ((event.target as HTMLElement).closest('button')) return;
        drag.current = { x: event.clientX, y: event.clientY, ox: offset.x, oy: offset.y, moved: false };
        event.currentTarget.setPointerCapture(event.pointerId);
      }}
      onPointerMove={(event) => {
        const d = drag.current;
        if (!d) return;
        const dx = event.clientX - d.x;
        const dy = event.clientY - d.y;
        if (Math.abs(dx) + Math.abs(dy) > 4) d.moved = true;
        setOffset({ x: d.ox + dx, y: d.oy + dy });
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
    >
      {/* Every remote stays mounted (their voices play); the one on show is the speaker or a camera. */}
      <div className="call-float__media">
        {tiles.map((tile) => (
          <div key={tile.key} hidden={tile !== shown}>
            <VideoTile tile={tile} variant="mini" />
          </div>
        ))}
        {shown === me && me && <VideoTile tile={me} variant="mini" />}
      </div>
      <div className="call-float__bar">
        <button type="button" className="call-float__restore" aria-label={t('controls.restore')} onClick={() => restore(false)}>
          <ExpandIcon size={16} />
          <span className="call-float__name">{shown?.name}</span>
          <CallDuration connectedAt={call.connectedAt} />
        </button>
        <button type="button" className="call-round call-round--danger call-round--small" aria-label={t('controls.hangUp')} onClick={() => void actions?.hangUp(call.callId)}>
          <HangUpIcon size={18} />
        </button>
      </div>
    </aside>
  );
}
