import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFILE_LIMITS, utf8Length, type AllowType, type Gender, type Profile, type ProfilePatch } from '../../../../shared/domain';
import { CUSTOM_STATUS_MAX_CHARS } from '../../../../shared/protocol';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { errorText } from '../../i18n';
import { selectSignedInUser, useChatStore } from '../../state';
import { CameraIcon } from '../contacts/contactIcons';
import { useAvatarSrc } from '../contacts/people';
import { GENDER_LABELS } from '../contacts/PersonProfile';
import { AvatarCropDialog } from './AvatarCropDialog';
import './profile.css';

const ALLOW_OPTIONS: readonly [AllowType, 'myProfile.allowNeedConfirm' | 'myProfile.allowAny' | 'myProfile.allowDenyAny'][] = [
  ['AllowType_Type_NeedConfirm', 'myProfile.allowNeedConfirm'],
  ['AllowType_Type_AllowAny', 'myProfile.allowAny'],
  ['AllowType_Type_DenyAny', 'myProfile.allowDenyAny'],
];
const GENDERS: readonly Gender[] = ['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'];
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** 20190419 ⇄ "2019-04-19" for <input type="date">. */
export function birthdayToInput(value: number | undefined): string {
  if (!value) return '';
  const text = String(value).padStart(8, '0');
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}
export function inputToBirthday(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? Number(`${match[1]}${match[2]}${match[3]}`) : 0;
}

/** P1 own profile editor (+ A4 custom status): every field with its byte limit said before sending. */
export function ProfileEditorDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const profile = useChatStore((s) => s.myProfile);
  return (
    <Dialog open={open} title={t('myProfile.title')} closeLabel={t('app.close')} onClose={onClose}>
      {open && (profile ? <ProfileForm profile={profile} onDone={onClose} /> : <Spinner label={t('contacts.loading')} />)}
    </Dialog>
  );
}

function ProfileForm({ profile, onDone }: { profile: Profile; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  const myCustomStatus = useChatStore((s) => s.myCustomStatus);
  const myProfileSaved = useChatStore((s) => s.myProfileSaved);
  const avatarSubmitted = useChatStore((s) => s.avatarSubmitted);
  const photo = useAvatarSrc(profile.image);
  const [nick, setNick] = useState(profile.nick);
  const [gender, setGender] = useState<Gender>(profile.gender);
  const [birthday, setBirthday] = useState(birthdayToInput(profile.birthday));
  const [location, setLocation] = useState(profile.location ?? '');
  const [signature, setSignature] = useState(profile.selfSignature);
  const [allowType, setAllowType] = useState<AllowType>(profile.allowType);
  const [searchable, setSearchable] = useState(profile.searchable ?? false);
  const searchableHintId = useId();
  const [status, setStatus] = useState(myCustomStatus);
  const [picked, setPicked] = useState<Blob | null>(null);
  const [uploading, setUploading] = useState(false);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const over = (value: string, bytes: number) => (utf8Length(value) > bytes ? t('myProfile.tooLong', { bytes }) : null);
  const nickError = over(nick.trim(), PROFILE_LIMITS.nickBytes);
  const locationError = over(location.trim(), PROFILE_LIMITS.locationBytes);
  const signatureError = over(signature, PROFILE_LIMITS.selfSignatureBytes);
  const statusError = [...status].length > CUSTOM_STATUS_MAX_CHARS ? t('myProfile.statusTooLong', { count: CUSTOM_STATUS_MAX_CHARS }) : null;
  const invalid = Boolean(nickError || locationError || signatureError || statusError);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    const patch: ProfilePatch = {};
    if (nick.trim() !== profile.nick) patch.nick = nick.trim();
    if (gender !== profile.gender) patch.gender = gender;
    const day = inputToBirthday(birthday);
    if (day !== (profile.birthday ?? 0)) patch.birthday = day;
    if (location.trim() !== (profile.location ?? '')) patch.location = location.trim();
    if (signature !== profile.selfSignature) patch.selfSignature = signature;
    if (allowType !== profile.allowType) patch.allowType = allowType;
    if (searchable !== (profile.searchable ?? false)) patch.searchable = searchable;
    setBusy(true);
    setError(null);
    const outcome = await myProfileSaved(patch, status.trim());
    setBusy(false);
    if (outcome.ok) onDone();
    else setError(errorText(t, outcome.error));
  };

  const cropped = async (jpeg: Blob) => {
    setPicked(null);
    setUploading(true);
    setPhotoError(null);
    const outcome = await avatarSubmitted(jpeg);
    setUploading(false);
    if (!outcome.ok) setPhotoError(errorText(t, outcome.error));
  };

  return (
    <form className="profile-editor" onSubmit={(event) => void submit(event)} noValidate>
      <div className="profile-editor__photo">
        <Avatar id={profile.userId} name={nick || profile.userId} size="xlarge" src={photo} />
        <div className="profile-editor__photo-text">
          <strong>{me?.userId ? `@${me.userId}` : ''}</strong>
          <button type="button" className="button button--secondary" disabled={uploading} aria-busy={uploading} onClick={() => fileInput.current?.click()}>
            {uploading ? <Spinner /> : <CameraIcon />}
            {uploading ? t('myProfile.uploading') : t('myProfile.changePhoto')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept={IMAGE_TYPES.join(',')}
            className="visually-hidden"
            tabIndex={-1}
            aria-label={t('myProfile.photo')}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              if (!IMAGE_TYPES.includes(file.type)) return setPhotoError(t('myProfile.badImage'));
              setPhotoError(null);
              setPicked(file);
            }}
          />
          {photoError && (
            <p className="field__error" role="alert">
              {photoError}
            </p>
          )}
        </div>
      </div>

      <TextField label={t('myProfile.nickname')} value={nick} onChange={(e) => setNick(e.target.value)} error={nickError} maxLength={500} />
      <TextField
        label={t('myProfile.customStatus')}
        placeholder={t('myProfile.customStatusPlaceholder')}
        hint={t('myProfile.customStatusHint')}
        value={status}
        onChange={(e) => setStatus(e.target.value)}
        error={statusError}
      />
      <div className="profile-editor__row">
        <div className="field">
          <label className="field__label" htmlFor="profile-gender">
            {t('myProfile.gender')}
          </label>
          <select id="profile-gender" className="field__input" value={gender} onChange={(e) => setGender(e.target.value as Gender)}>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(GENDER_LABELS[g])}
              </option>
            ))}
          </select>
        </div>
        <TextField label={t('myProfile.birthday')} type="date" value={birthday} onChange={(e) => setBirthday(e.target.value)} />
      </div>
      <TextField label={t('myProfile.location')} value={location} onChange={(e) => setLocation(e.target.value)} error={locationError} />
      <div className="field">
        <label className="field__label" htmlFor="profile-signature">
          {t('myProfile.signature')}
        </label>
        <textarea
          id="profile-signature"
          className="field__input field__textarea"
          rows={2}
          value={signature}
          onChange={(e) => setSignature(e.target.value)}
          aria-invalid={signatureError ? true : undefined}
          aria-describedby={signatureError ? 'profile-signature-error' : undefined}
        />
        {signatureError && (
          <p id="profile-signature-error" className="field__error" role="alert">
            {signatureError}
          </p>
        )}
      </div>
      <fieldset className="choice-list">
        <legend className="field__label">{t('myProfile.allowType')}</legend>
        {ALLOW_OPTIONS.map(([value, label]) => (
          <label key={value} className={`choice choice--compact ${allowType === value ? 'choice--on' : ''}`}>
            <input type="radio" name="allow-type" value={value} checked={allowType === value} onChange={() => setAllowType(value)} />
            <span className="choice__title">{t(label)}</span>
          </label>
        ))}
      </fieldset>
      <label className={`choice ${searchable ? 'choice--on' : ''}`}>
        <input type="checkbox" checked={searchable} onChange={(e) => setSearchable(e.target.checked)} aria-describedby={searchableHintId} />
        <span className="choice__text">
          <span className="choice__title">{t('myProfile.searchable')}</span>
          <span id={searchableHintId} className="choice__body">
            {t('myProfile.searchableHint')}
          </span>
        </span>
      </label>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('myProfile.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || invalid} aria-busy={busy}>
          {busy && <Spinner />}
          {busy ? t('myProfile.saving') : t('myProfile.save')}
        </button>
      </div>
      <AvatarCropDialog file={picked} onCancel={() => setPicked(null)} onCropped={(jpeg) => void cropped(jpeg)} />
    </form>
  );
}
