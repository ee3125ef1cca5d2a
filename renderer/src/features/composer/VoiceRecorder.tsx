import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SendIcon } from '../../components/icons';
import { MicIcon, TrashIcon } from '../message-content/contentIcons';
import { formatDuration } from '../message-content/formatMedia';
import { useAttachments } from './AttachmentArea';

const MIN_SECONDS = 1;
const MAX_SECONDS = 3600;
const PREFERRED_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];

interface Recording {
  recorder: MediaRecorder;
  stream: MediaStream;
  chunks: Blob[];
  startedAt: number;
}

/** M1 voice: record with the microphone, watch the timer, then cancel or send (duration measured while recording). */
export function VoiceRecorder({ onNotice }: { onNotice: (text: string | null) => void }) {
  const { t } = useTranslation();
  const { sendVoice } = useAttachments();
  const recording = useRef<Recording | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(0);

  const release = () => {
    recording.current?.stream.getTracks().forEach((track) => track.stop());
    recording.current = null;
    setStartedAt(null);
  };

  // Leaving the chat mid-recording throws it away and frees the microphone.
  useEffect(
    () => () => {
      const current = recording.current;
      if (!current) return;
      current.recorder.ondataavailable = null;
      if (current.recorder.state !== 'inactive') current.recorder.stop();
      current.stream.getTracks().forEach((track) => track.stop());
    },
    [],
  );

  useEffect(() => {
    if (startedAt === null) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if ((current - startedAt) / 1000 >= MAX_SECONDS) void finish(true);
    }, 250);
    return () => clearInterval(timer);
    // finish reads the refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startedAt]);

  const start = async () => {
    onNotice(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      const name = error instanceof DOMException ? error.name : '';
      onNotice(name === 'NotAllowedError' || name === 'SecurityError' ? t('record.denied') : t('record.unavailable'));
      return;
    }
    const mimeType = PREFERRED_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.start(250);
    const begun = Date.now();
    recording.current = { recorder, stream, chunks, startedAt: begun };
    setStartedAt(begun);
    setNow(begun);
  };

  async function finish(send: boolean): Promise<void> {
    const current = recording.current;
    if (!current) return;
    const durationSec = (Date.now() - current.startedAt) / 1000;
    const stopped = new Promise<void>((resolve) => current.recorder.addEventListener('stop', () => resolve(), { once: true }));
    if (current.recorder.state !== 'inactive') current.recorder.stop();
    await stopped;
    release();
    if (!send) return;
    if (durationSec < MIN_SECONDS) {
      onNotice(t('record.tooShort'));
      return;
    }
    const blob = new Blob(current.chunks, { type: current.recorder.mimeType || 'audio/webm' });
    await sendVoice(blob, durationSec);
  }

  if (startedAt === null) {
    return (
      <button type="button" className="composer__tool" aria-label={t('record.start')} title={t('record.start')} onClick={() => void start()}>
        <MicIcon />
      </button>
    );
  }

  const elapsed = formatDuration(Math.max(0, (now - startedAt) / 1000));
  return (
    <div className="voice-recorder">
      <button type="button" className="composer__tool" aria-label={t('record.cancel')} title={t('record.cancel')} onClick={() => void finish(false)}>
        <TrashIcon />
      </button>
      <span className="voice-recorder__status" role="timer" aria-label={t('record.recording', { time: elapsed })}>
        <span className="voice-recorder__dot" aria-hidden="true" />
        <span aria-hidden="true">{t('record.recording', { time: elapsed })}</span>
      </span>
      <button type="button" className="composer__send" aria-label={t('record.send')} title={t('record.send')} onClick={() => void finish(true)}>
        <SendIcon />
      </button>
    </div>
  );
}
