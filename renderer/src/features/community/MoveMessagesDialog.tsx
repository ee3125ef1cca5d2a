import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_LIMITS, parseConversationId, utf8Length, type ChatMessage } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { errorText } from '../../i18n';
import { useChatStore } from '../../state';
import { abilitiesOf } from '../group-manage/groupAbilities';
import { orderedTopics } from '../../state/community';

type Scope = 'one' | 'later' | 'all';
const NEW_TOPIC = '';

/** ADR 0005: the open "move to another topic" dialog, if any (mounted once, with the other message dialogs). */
export function MoveMessagesLayer() {
  const moving = useChatStore((s) => s.moving);
  const moveClosed = useChatStore((s) => s.moveClosed);
  return moving ? <MoveMessagesDialog message={moving} onClose={moveClosed} /> : null;
}

/**
 * Zulip's "move messages": this message, it and everything after it, or the whole topic, into another topic of
 * the community where I may manage topic info, or into a new topic. Afterwards it says how many moved and offers
 * to go there; the messages themselves arrive on every device through sync.
 */
function MoveMessagesDialog({ message, onClose }: { message: ChatMessage; onClose: () => void }) {
  const { t, i18n } = useTranslation('community');
  const { t: tMain } = useTranslation();
  const parsed = parseConversationId(message.conversationId);
  const groupId = parsed?.kind === 'group' ? parsed.groupId : '';
  const fromTopicId = parsed?.kind === 'group' ? (parsed.topicId ?? '') : '';
  const joined = useChatStore((s) => s.groups.find((g) => g.group.groupId === groupId));
  const topics = useChatStore((s) => s.groupTopics[groupId]) ?? [];
  const moveRequested = useChatStore((s) => s.topicMessagesMoveRequested);
  const topicOpened = useChatStore((s) => s.topicOpened);
  const can = joined ? abilitiesOf(joined.group.type, joined.self.role, joined.myBits) : null;
  const source = topics.find((topic) => topic.topicId === fromTopicId);
  const targets = orderedTopics(topics, i18n.language).filter((topic) => topic.topicId !== fromTopicId && (can?.canManageTopic(topic.myBits) ?? false));
  const mayCreate = can?.can('manageTopics') ?? false;

  const [scope, setScope] = useState<Scope>('later');
  const [target, setTarget] = useState<string>(targets[0]?.topicId ?? NEW_TOPIC);
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ toTopicId: string; moved: number; remaining: number; name: string } | null>(null);

  const toNew = target === NEW_TOPIC;
  const nameError = !toNew
    ? null
    : utf8Length(name.trim()) > GROUP_LIMITS.topicNameBytes
      ? tMain('topics.nameTooLong')
      : touched && !name.trim()
        ? t('nameMissing')
        : null;
  const nowhere = targets.length === 0 && !mayCreate;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (busy || nowhere || message.seq === null || (toNew && (!name.trim() || nameError))) return;
    setBusy(true);
    setError(null);
    const outcome = await moveRequested({
      fromTopicId,
      fromSeq: message.seq,
      scope,
      target: toNew ? { newTopic: { name: name.trim(), ...(source?.category ? { category: source.category } : {}) } } : { topicId: target },
    });
    setBusy(false);
    if (!outcome.ok) return setError(errorText(tMain, outcome.error));
    const targetName = toNew ? name.trim() : (topics.find((topic) => topic.topicId === outcome.toTopicId)?.name ?? '');
    setDone({ toTopicId: outcome.toTopicId, moved: outcome.moved, remaining: outcome.remaining, name: targetName });
  };

  if (done) {
    return (
      <Dialog open title={t('moveTitle')} closeLabel={tMain('app.close')} onClose={onClose}>
        <p role="status">{t('moved', { count: done.moved, topic: done.name })}</p>
        {done.remaining > 0 && <p>{t('movedMore', { count: done.remaining })}</p>}
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              onClose();
              void topicOpened(groupId, done.toTopicId);
            }}
          >
            {t('openMoved', { topic: done.name })}
          </button>
          <button type="button" className="button button--primary" onClick={onClose} autoFocus>
            {tMain('app.close')}
          </button>
        </div>
      </Dialog>
    );
  }

  const scopes: Array<[Scope, string]> = [
    ['one', t('scopeOne')],
    ['later', t('scopeLater')],
    ['all', t('scopeAll', { topic: source?.name ?? '' })],
  ];
  return (
    <Dialog open title={t('moveTitle')} closeLabel={tMain('app.close')} onClose={onClose}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="choice-list">
          <legend className="field__label">{t('moveWhich')}</legend>
          {scopes.map(([value, label]) => (
            <label key={value} className={`choice choice--compact ${scope === value ? 'choice--on' : ''}`}>
              <input type="radio" name="move-scope" value={value} checked={scope === value} onChange={() => setScope(value)} />
              <span className="choice__title">{label}</span>
            </label>
          ))}
        </fieldset>
        {nowhere ? (
          <p className="alert alert--error" role="alert">
            {t('noTarget')}
          </p>
        ) : (
          <div className="field">
            <label className="field__label" htmlFor="move-target">
              {t('moveTo')}
            </label>
            <select id="move-target" className="settings__select" value={target} onChange={(event) => setTarget(event.target.value)}>
              {targets.map((topic) => (
                <option key={topic.topicId} value={topic.topicId}>
                  #{topic.name}
                </option>
              ))}
              {mayCreate && <option value={NEW_TOPIC}>{t('moveToNew')}</option>}
            </select>
          </div>
        )}
        {toNew && mayCreate && <TextField label={t('newTopicName')} value={name} error={nameError} onChange={(event) => setName(event.target.value)} autoFocus />}
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy || nowhere} aria-busy={busy}>
            {busy && <Spinner />}
            {t('move')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
