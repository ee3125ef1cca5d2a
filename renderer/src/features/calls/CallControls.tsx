import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_LIMITS } from '../../../../shared/domain';
import type { CallView } from '../../../../shared/ipc';
import { useChatStore } from '../../state';
import { useCallActions, useCallEngine, useEngineSnapshot } from './CallContext';
import type { DeviceKind } from './callEngine';
import { AddPersonIcon, AudioOnlyIcon, HangUpIcon, MicIcon, MicOffIcon, MinimiseIcon, SettingsIcon, VideoIcon, VideoOffIcon } from './icons';

/** The call's controls, each with its accessible name: mute, camera, switch to audio, devices, invite, minimise, hang up. */
export function CallControls({ call, onInvite }: { call: CallView; onInvite?: () => void }) {
  const { t } = useTranslation('calls');
  const engine = useCallEngine();
  const actions = useCallActions();
  const snapshot = useEngineSnapshot();
  const minimised = useChatStore((s) => s.callMinimisedChanged);
  const [devicesOpen, setDevicesOpen] = useState(false);
  const audio = snapshot?.audio ?? true;
  const video = snapshot?.video ?? false;
  const videoCall = snapshot?.videoCall ?? false;
  const joined = call.participants.filter((p) => p.state === 'joined' || p.state === 'invited').length;

  return (
    <div className="call-controls" role="toolbar" aria-label={t('controls.label')}>
      <ControlButton label={audio ? t('controls.mute') : t('controls.unmute')} caption={t('controls.microphone')} off={!audio} onClick={() => void engine?.setAudio(!audio)}>
        {audio ? <MicIcon /> : <MicOffIcon />}
      </ControlButton>
      {videoCall && (
        <ControlButton label={video ? t('controls.cameraOff') : t('controls.cameraOn')} caption={t('controls.camera')} off={!video} onClick={() => void engine?.setCamera(!video)}>
          {video ? <VideoIcon /> : <VideoOffIcon />}
        </ControlButton>
      )}
      {videoCall && (
        <ControlButton label={t('controls.switchToAudio')} caption={t('controls.switchToAudio')} onClick={() => void engine?.switchToAudio()}>
          <AudioOnlyIcon />
        </ControlButton>
      )}
      <div className="call-controls__devices">
        <ControlButton label={t('controls.devices')} caption={t('controls.devices')} expanded={devicesOpen} onClick={() => setDevicesOpen((open) => !open)}>
          <SettingsIcon />
        </ControlButton>
        {devicesOpen && <DevicePickers onClose={() => setDevicesOpen(false)} />}
      </div>
      {onInvite && (
        <ControlButton label={t('controls.invite')} caption={t('controls.invite')} disabled={joined >= CALL_LIMITS.maxParticipants} onClick={onInvite}>
          <AddPersonIcon />
        </ControlButton>
      )}
      <ControlButton label={t('controls.minimise')} caption={t('controls.minimise')} onClick={() => minimised(true)}>
        <MinimiseIcon />
      </ControlButton>
      <div className="call-action call-action--hangup">
        <button type="button" className="call-round call-round--danger" aria-label={t('controls.hangUp')} onClick={() => void actions?.hangUp(call.callId)}>
          <HangUpIcon size={26} />
        </button>
        <span aria-hidden="true">{t('controls.hangUp')}</span>
      </div>
    </div>
  );
}

function ControlButton(props: { label: string; caption: string; off?: boolean; disabled?: boolean; expanded?: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <div className="call-action">
      <button
        type="button"
        className={`call-round ${props.off ? 'call-round--off' : 'call-round--glass'}`}
        aria-label={props.label}
        title={props.label}
        disabled={props.disabled}
        aria-expanded={props.expanded}
        onClick={props.onClick}
      >
        {props.children}
      </button>
      <span aria-hidden="true">{props.caption}</span>
    </div>
  );
}

const PICKERS: { kind: DeviceKind; label: 'controls.microphone' | 'controls.camera' | 'controls.speaker' }[] = [
  { kind: 'audioinput', label: 'controls.microphone' },
  { kind: 'videoinput', label: 'controls.camera' },
  { kind: 'audiooutput', label: 'controls.speaker' },
];

/** Microphone, camera and speaker pickers; the speaker only where the browser can route audio (setSinkId). */
function DevicePickers({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('calls');
  const engine = useCallEngine();
  const snapshot = useEngineSnapshot();
  const canRoute = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  return (
    <div
      className="call-devices"
      role="group"
      aria-label={t('controls.devices')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      {PICKERS.filter((p) => p.kind !== 'audiooutput' || canRoute).map(({ kind, label }) => {
        const devices = snapshot?.devices[kind] ?? [];
        return (
          <label key={kind} className="call-devices__row">
            <span>{t(label)}</span>
            <select value={snapshot?.selected[kind] ?? ''} onChange={(event) => void engine?.selectDevice(kind, event.target.value)} disabled={devices.length === 0}>
              {!snapshot?.selected[kind] && <option value="">{t('controls.defaultDevice')}</option>}
              {devices.map((d, i) => (
                <option key={d.deviceId || i} value={d.deviceId}>
                  {d.label || t('controls.deviceN', { n: i + 1 })}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}
