import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { auth, json, problem, sequence, tooMany } from '../../test/helpers';
import { advance, currentPath, renderApp, type Server } from '../../test/renderApp';
import { rememberSignup } from './signupAttempt';

const EMAIL = 'ada@example.com';
const VERIFY_PATH = '/signup/verify?email=ada%40example.com';
const SIGNUP_ID = 'sgn_6f1c2b';
const SENT = { email: EMAIL, expiresInSeconds: 600, resendAfterSeconds: 60, signupId: SIGNUP_ID };
const signupOk = () => json(202, SENT);

/** The verify page reloaded in the tab that started the sign-up (the id is in its sessionStorage). */
function reloadVerify(server: Server) {
  rememberSignup(EMAIL, SIGNUP_ID);
  return renderApp(VERIFY_PATH, server);
}

const button = (testId: string) => screen.getByTestId<HTMLButtonElement>(testId);
const input = (name: string) => document.querySelector(`input[name="${name}"]`) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

function submitSignup() {
  type('E-mail', ` ${EMAIL} `);
  type('Username', 'ada');
  type('Display name', 'Ada Lovelace');
  type('Password', 'analytical-engine-1843');
  fireEvent.click(button('signup-submit'));
}

function submitCode(code: string) {
  fireEvent.change(screen.getByTestId('otp-input'), { target: { value: code } });
  fireEvent.click(button('otp-submit'));
}

describe('sign-up form', () => {
  it('sends the account and goes to the verify step, which shows the e-mail and the code expiry', async () => {
    vi.useFakeTimers();
    const app = renderApp('/signup', { '/api/auth/signup': signupOk });

    submitSignup();
    await advance();

    expect(app.bodies('/api/auth/signup')).toEqual([
      { email: EMAIL, username: 'ada', displayName: 'Ada Lovelace', password: 'analytical-engine-1843' },
    ]);
    expect(currentPath()).toBe(VERIFY_PATH);
    expect(screen.getByText(EMAIL, { selector: 'strong' }).parentElement?.textContent).toBe(
      `We sent a 6-digit code to ${EMAIL}.`,
    );
    const code = screen.getByTestId('otp-input');
    expect([code.getAttribute('inputmode'), code.getAttribute('autocomplete')]).toEqual(['numeric', 'one-time-code']);
    expect(screen.getByLabelText('6-digit code')).toBe(code);
    expect(screen.getByTestId('otp-expiry').textContent).toBe('The code expires in 10:00.');

    await advance(1_000);
    expect(screen.getByTestId('otp-expiry').textContent).toBe('The code expires in 09:59.');
    await advance(598_000);
    expect(screen.getByTestId('otp-expiry').textContent).toBe('The code expires in 00:01.');
    await advance(1_000);
    expect(screen.getByTestId('otp-expiry').textContent).toContain('The code has expired.');
  });

  it('shows field errors under their inputs and no form-level error', async () => {
    renderApp('/signup', {
      '/api/auth/signup': () =>
        problem(400, 'VALIDATION_FAILED', 'Invalid', [
          { field: 'email', message: 'must be a well-formed e-mail address' },
          { field: 'displayName', message: 'must not be blank' },
        ]),
    });

    submitSignup();

    expect(await screen.findByText('must be a well-formed e-mail address')).toBeTruthy();
    expect(screen.getByText('must not be blank')).toBeTruthy();
    expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByTestId('form-error')).toBeNull();
  });

  it('puts a weak password and a taken username under their fields', async () => {
    const answer = sequence(
      () => problem(400, 'WEAK_PASSWORD', 'Weak', [{ field: 'password', message: 'must not contain the username' }]),
      () => problem(409, 'USERNAME_TAKEN', 'Username taken'),
    );
    renderApp('/signup', { '/api/auth/signup': answer });

    submitSignup();
    expect(await screen.findByText('must not contain the username')).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(button('signup-submit'));
    expect(await screen.findByText('That username is taken. Choose another one.')).toBeTruthy();
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('form-error')).toBeNull();
  });

  it('locks the submit button after a 429 until Retry-After has passed', async () => {
    vi.useFakeTimers();
    renderApp('/signup', { '/api/auth/signup': () => tooMany('RATE_LIMITED', 5) });

    submitSignup();
    await advance();

    expect(button('signup-submit').disabled).toBe(true);
    expect(button('signup-submit').textContent).toBe('Try again in 00:05');
    expect(screen.getByTestId('form-error').textContent).toBe('Too many attempts. Wait a moment and try again.');
    await advance(5_000);
    expect(button('signup-submit').disabled).toBe(false);
    expect(screen.queryByTestId('form-error')).toBeNull();
  });
});

describe('verify step', () => {
  it('keeps the e-mail from the address on a reload and sends only 6 digits', async () => {
    const app = reloadVerify({
      '/api/auth/signup/verify': () =>
        problem(400, 'OTP_INVALID', 'Wrong code', undefined, { extra: { attemptsLeft: 2 } }),
    });
    expect(screen.getByText(EMAIL, { selector: 'strong' })).toBeTruthy();
    expect(button('otp-resend').disabled).toBe(false); // the cooldown is unknown after a fresh load

    fireEvent.change(screen.getByTestId('otp-input'), { target: { value: '12 3a45' } });
    expect(input('code').value).toBe('12345');
    fireEvent.click(button('otp-submit'));
    expect(screen.getByText('Enter the 6-digit code from the e-mail.')).toBeTruthy();
    expect(app.fetch).not.toHaveBeenCalled();
  });

  it('shows how many attempts are left after a wrong code', async () => {
    const app = reloadVerify({
      '/api/auth/signup/verify': () =>
        problem(400, 'OTP_INVALID', 'Wrong code', undefined, { extra: { attemptsLeft: 2 } }),
    });

    submitCode('123456');

    expect((await screen.findByTestId('form-error')).textContent).toBe("That code isn't right. 2 attempts left.");
    expect(app.bodies('/api/auth/signup/verify')).toEqual([{ email: EMAIL, code: '123456', signupId: SIGNUP_ID }]);
    expect(app.session.get()).toBeNull();
    expect(button('otp-submit').disabled).toBe(false);
  });

  it('after too many attempts asks for a new code, and a resend lets the user try again', async () => {
    const app = reloadVerify({
      '/api/auth/signup/verify': () => problem(400, 'OTP_TOO_MANY_ATTEMPTS', 'Too many attempts'),
      '/api/auth/otp/resend': () => json(202, { expiresInSeconds: 600, resendAfterSeconds: 60 }),
    });

    submitCode('123456');

    expect((await screen.findByTestId('form-error')).textContent).toContain('Use “Resend code” to get a new one.');
    expect(button('otp-submit').disabled).toBe(true);

    fireEvent.click(button('otp-resend'));

    expect(await screen.findByText(`We sent a new code to ${EMAIL}.`)).toBeTruthy();
    expect(app.bodies('/api/auth/otp/resend')).toEqual([{ email: EMAIL, purpose: 'SIGNUP', signupId: SIGNUP_ID }]);
    expect(screen.queryByTestId('form-error')).toBeNull();
    expect(button('otp-submit').disabled).toBe(false);
    expect(button('otp-resend').disabled).toBe(true);
  });

  it('explains an expired code', async () => {
    reloadVerify({ '/api/auth/signup/verify': () => problem(400, 'OTP_EXPIRED', 'Expired') });
    submitCode('123456');
    expect((await screen.findByTestId('form-error')).textContent).toBe(
      'That code has expired. Use “Resend code” to get a new one.',
    );
  });

  it('sends the user back to sign-up, e-mail kept, when the username was taken meanwhile', async () => {
    reloadVerify({ '/api/auth/signup/verify': () => problem(409, 'USERNAME_TAKEN', 'Taken') });

    submitCode('123456');
    const alert = await screen.findByTestId('form-error');
    expect(alert.textContent).toContain('Someone else just took that username');
    fireEvent.click(screen.getByRole('link', { name: 'Back to sign-up' }));

    expect(await screen.findByRole('heading', { name: 'Create your account' })).toBeTruthy();
    expect(currentPath()).toBe('/signup');
    expect(input('email').value).toBe(EMAIL);
  });

  it('signs in and goes home on 201', async () => {
    const app = reloadVerify({ '/api/auth/signup/verify': () => json(201, auth('A1')) });

    submitCode('654321');

    expect((await screen.findByTestId('current-user')).textContent).toContain('@ada');
    await waitFor(() => expect(currentPath()).toBe('/'));
    expect(app.session.get()?.accessToken).toBe('A1');
    expect(app.headers('/api/auth/signup/verify')[0]['X-Parley-Session']).toBe('cookie');
    expect(screen.getByRole('heading', { name: 'Select a conversation' })).toBeTruthy();
  });

  it('keeps "Resend code" disabled with a countdown, also after a 429', async () => {
    vi.useFakeTimers();
    const app = renderApp('/signup', {
      '/api/auth/signup': signupOk,
      '/api/auth/otp/resend': sequence(
        () => json(202, { expiresInSeconds: 600, resendAfterSeconds: 60 }),
        () => tooMany('OTP_COOLDOWN', 30),
      ),
    });
    submitSignup();
    await advance();

    const resend = () => button('otp-resend');
    expect([resend().disabled, resend().textContent]).toEqual([true, 'Resend code in 01:00']);
    await advance(59_000);
    expect([resend().disabled, resend().textContent]).toEqual([true, 'Resend code in 00:01']);
    await advance(1_000);
    expect([resend().disabled, resend().textContent]).toEqual([false, 'Resend code']);

    fireEvent.click(resend());
    await advance();
    expect(app.bodies('/api/auth/otp/resend')).toEqual([{ email: EMAIL, purpose: 'SIGNUP', signupId: SIGNUP_ID }]);
    expect([resend().disabled, resend().textContent]).toEqual([true, 'Resend code in 01:00']);
    expect(screen.getByTestId('otp-expiry').textContent).toBe('The code expires in 10:00.');

    await advance(60_000);
    fireEvent.click(resend());
    await advance();
    expect(screen.getByTestId('form-error').textContent).toBe(
      'We just sent you a code. Wait a moment before asking for another one.',
    );
    expect([resend().disabled, resend().textContent]).toEqual([true, 'Resend code in 00:30']);
    await advance(30_000);
    expect(resend().disabled).toBe(false);
  });
});

describe('sign-up bound to the tab that started it', () => {
  it('carries the signupId from sign-up to resend and verify, and forgets it once verified', async () => {
    vi.useFakeTimers();
    const app = renderApp('/signup', {
      '/api/auth/signup': signupOk,
      '/api/auth/otp/resend': () => json(202, { expiresInSeconds: 600, resendAfterSeconds: 60 }),
      '/api/auth/signup/verify': () => json(201, auth('A1')),
    });
    submitSignup();
    await advance();
    const remembered = JSON.parse(sessionStorage.getItem('parley.signup') ?? 'null') as unknown;
    expect(remembered).toEqual({ email: EMAIL, signupId: SIGNUP_ID });

    await advance(60_000);
    fireEvent.click(button('otp-resend'));
    await advance();
    submitCode('654321');
    await advance();
    expect(currentPath()).toBe('/');

    expect(app.bodies('/api/auth/otp/resend')).toEqual([{ email: EMAIL, purpose: 'SIGNUP', signupId: SIGNUP_ID }]);
    expect(app.bodies('/api/auth/signup/verify')).toEqual([{ email: EMAIL, code: '654321', signupId: SIGNUP_ID }]);
    expect(sessionStorage.getItem('parley.signup')).toBeNull();
  });

  it.each([
    ['opened in another tab', () => undefined],
    ['holding the sign-up of another e-mail', () => rememberSignup('grace@example.com', 'sgn_other')],
  ])('asks to sign up again when %s, and sends nothing', async (_, before) => {
    before();
    const app = renderApp(VERIFY_PATH);

    expect(screen.getByTestId('signup-unknown').textContent).toContain(`The sign-up for ${EMAIL} can only be finished`);
    expect(screen.queryByTestId('otp-input')).toBeNull();
    fireEvent.click(screen.getByRole('link', { name: 'Sign up again' }));

    expect(await screen.findByRole('heading', { name: 'Create your account' })).toBeTruthy();
    expect(input('email').value).toBe(EMAIL);
    expect(app.fetch).not.toHaveBeenCalled();
  });
});
