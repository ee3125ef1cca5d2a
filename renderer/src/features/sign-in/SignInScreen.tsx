import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DoubleCheckIcon, EyeIcon, EyeOffIcon, LogoMark, OfflineBoltIcon, ServerIcon, ShieldIcon } from '../../components/icons';
import { TextField } from '../../components/TextField';
import { Spinner } from '../../components/Spinner';
import { errorText } from '../../i18n';
import { useChatStore } from '../../state';
import { validateAuthForm, type AuthFieldErrors, type AuthFormValues, type AuthMode } from './validateAuthForm';
import './sign-in.css';

/** Sign in or create an account: the first thing a person sees, so it explains the product as it asks. */
export function SignInScreen() {
  const { t } = useTranslation();
  const appInfo = useChatStore((s) => s.appInfo);
  const session = useChatStore((s) => s.session);
  const pending = useChatStore((s) => s.authPending);
  const authError = useChatStore((s) => s.authError);
  const signInSubmitted = useChatStore((s) => s.signInSubmitted);
  const registerSubmitted = useChatStore((s) => s.registerSubmitted);
  const authErrorDismissed = useChatStore((s) => s.authErrorDismissed);

  const [mode, setMode] = useState<AuthMode>('signIn');
  const [values, setValues] = useState<AuthFormValues>({ serverUrl: appInfo?.defaultServerUrl ?? '', userId: '', password: '', nickname: '' });
  const [fieldErrors, setFieldErrors] = useState<AuthFieldErrors>({});
  const [showPassword, setShowPassword] = useState(false);
  // Most people use the default server: show it as one line, and the field only when asked.
  const [editingServer, setEditingServer] = useState(false);
  const userIdRef = useRef<HTMLInputElement>(null);
  const serverTouched = useRef(false);

  // app:info may answer after the first render; fill the default unless the person typed one.
  const defaultServerUrl = appInfo?.defaultServerUrl ?? null;
  useEffect(() => {
    if (defaultServerUrl && !serverTouched.current) setValues((v) => ({ ...v, serverUrl: defaultServerUrl }));
  }, [defaultServerUrl]);

  const change = (field: keyof AuthFormValues) => (value: string) => {
    if (field === 'serverUrl') serverTouched.current = true;
    setValues((v) => ({ ...v, [field]: value }));
    setFieldErrors((e) => ({ ...e, [field]: undefined }));
    if (authError) authErrorDismissed();
  };

  const switchMode = (next: AuthMode) => {
    setMode(next);
    setFieldErrors({});
    authErrorDismissed();
    userIdRef.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validateAuthForm(mode, values);
    setFieldErrors(errors);
    if (errors.serverUrl) setEditingServer(true);
    if (Object.keys(errors).length > 0) return;
    const common = { serverUrl: values.serverUrl.trim(), userId: values.userId.trim(), password: values.password };
    if (mode === 'signIn') void signInSubmitted(common);
    else void registerSubmitted({ ...common, ...(values.nickname.trim() ? { nickname: values.nickname.trim() } : {}) });
  };

  const signedOutReason = session?.state === 'signedOut' ? session.reason : null;
  const fieldError = (field: keyof AuthFormValues) => (fieldErrors[field] ? t(fieldErrors[field]) : null);

  return (
    <div className="sign-in">
      <div className="sign-in__card">
        <section className="sign-in__brand" aria-labelledby="brand-title">
          <div className="sign-in__logo">
            <LogoMark size={44} />
            <h1 id="brand-title">{t('app.name')}</h1>
          </div>
          <p className="sign-in__tagline">{t('signIn.tagline')}</p>
          <ul className="sign-in__points">
            <li>
              <OfflineBoltIcon />
              <span>{t('signIn.pointOffline')}</span>
            </li>
            <li>
              <ShieldIcon />
              <span>{t('signIn.pointReliable')}</span>
            </li>
            <li>
              <ServerIcon />
              <span>{t('signIn.pointSelfHosted')}</span>
            </li>
          </ul>
          {/* A glimpse of the product itself; decorative, so hidden from screen readers. */}
          <div className="sign-in__preview" aria-hidden="true">
            <span className="sign-in__bubble sign-in__bubble--in">{t('signIn.sampleQuestion')}</span>
            <span className="sign-in__bubble sign-in__bubble--out">
              {t('signIn.sampleAnswer')}
              <DoubleCheckIcon />
            </span>
          </div>
        </section>

        <section className="sign-in__form-side" aria-labelledby="auth-title">
          <h2 id="auth-title" className="sign-in__title">
            {mode === 'signIn' ? t('signIn.welcomeBack') : t('signIn.createTitle')}
          </h2>
          <p className="sign-in__subtitle">{mode === 'signIn' ? t('signIn.welcomeBackSubtitle') : t('signIn.createSubtitle')}</p>

          {signedOutReason && mode === 'signIn' && !authError && (
            <p className="alert alert--info">{t('signIn.signedOutBecause', { reason: errorText(t, signedOutReason) })}</p>
          )}
          {authError && (
            <p className="alert alert--error" role="alert">
              {errorText(t, authError)}
            </p>
          )}

          <form className="sign-in__form" onSubmit={submit} noValidate>
            <TextField
              ref={userIdRef}
              label={t('signIn.userId')}
              hint={mode === 'register' ? t('signIn.userIdHint') : undefined}
              error={fieldError('userId')}
              value={values.userId}
              onChange={(e) => change('userId')(e.target.value)}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
            />
            {mode === 'register' && (
              <TextField
                label={t('signIn.nickname')}
                hint={t('signIn.nicknameHint')}
                error={fieldError('nickname')}
                value={values.nickname}
                onChange={(e) => change('nickname')(e.target.value)}
                autoComplete="nickname"
              />
            )}
            <TextField
              label={t('signIn.password')}
              hint={mode === 'register' ? t('signIn.passwordHint') : undefined}
              error={fieldError('password')}
              type={showPassword ? 'text' : 'password'}
              value={values.password}
              onChange={(e) => change('password')(e.target.value)}
              autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
              trailing={
                <button
                  type="button"
                  className="icon-button"
                  aria-label={showPassword ? t('signIn.hidePassword') : t('signIn.showPassword')}
                  aria-pressed={showPassword}
                  onClick={() => setShowPassword((s) => !s)}
                >
                  {showPassword ? <EyeOffIcon /> : <EyeIcon />}
                </button>
              }
            />
            {editingServer || !values.serverUrl ? (
              <TextField
                label={t('signIn.serverUrl')}
                hint={t('signIn.serverUrlHint')}
                error={fieldError('serverUrl')}
                value={values.serverUrl}
                onChange={(e) => change('serverUrl')(e.target.value)}
                inputMode="url"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus={editingServer}
              />
            ) : (
              <p className="sign-in__server">
                <ServerIcon />
                <span>
                  {t('signIn.serverLine')} <strong>{values.serverUrl}</strong>
                </span>
                <button type="button" className="link-button" aria-label={t('signIn.changeServerLabel')} onClick={() => setEditingServer(true)}>
                  {t('signIn.changeServer')}
                </button>
              </p>
            )}
            <button type="submit" className="button button--primary button--block" disabled={pending} aria-busy={pending}>
              {pending && <Spinner />}
              {pending
                ? mode === 'signIn'
                  ? t('signIn.signingIn')
                  : t('signIn.registering')
                : mode === 'signIn'
                  ? t('signIn.submitSignIn')
                  : t('signIn.submitRegister')}
            </button>
          </form>

          <p className="sign-in__switch">
            {mode === 'signIn' ? t('signIn.newHere') : t('signIn.haveAccount')}{' '}
            <button type="button" className="link-button" onClick={() => switchMode(mode === 'signIn' ? 'register' : 'signIn')}>
              {mode === 'signIn' ? t('signIn.switchToRegister') : t('signIn.switchToSignIn')}
            </button>
          </p>
        </section>
      </div>
    </div>
  );
}
