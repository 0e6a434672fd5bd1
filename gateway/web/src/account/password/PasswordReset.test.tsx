import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, noContent, problem } from '../../test/helpers';
import { advance, currentPath, renderApp } from '../../test/renderApp';

const EMAIL = 'ada@example.com';
const RESET_PATH = '/reset-password?email=ada%40example.com';
const NEW = 'difference-engine-1822';

function submitReset(code = '12345678', password = NEW, confirm = password) {
  fireEvent.change(screen.getByTestId('otp-input'), { target: { value: code } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: password } });
  fireEvent.change(screen.getByLabelText('Confirm new password'), { target: { value: confirm } });
  fireEvent.click(screen.getByTestId('reset-submit'));
}

describe('password reset', () => {
  it('asks for a code and continues on the reset page with a resend countdown', async () => {
    vi.useFakeTimers();
    const app = renderApp('/login', {
      '/api/auth/password/forgot': () => json(202, { expiresInSeconds: 600, resendAfterSeconds: 60 }),
    });
    fireEvent.click(screen.getByTestId('forgot-link'));
    await advance();

    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: EMAIL } });
    fireEvent.click(screen.getByTestId('forgot-submit'));
    await advance();

    expect(app.bodies('/api/auth/password/forgot')).toEqual([{ email: EMAIL }]);
    expect(currentPath()).toBe(RESET_PATH);
    expect(screen.getByText(EMAIL, { selector: 'strong' })).toBeTruthy();
    expect(screen.getByTestId('otp-expiry').textContent).toBe('The code expires in 10:00.');
    const resend = screen.getByTestId<HTMLButtonElement>('otp-resend');
    expect([resend.disabled, resend.textContent]).toEqual([true, 'Resend code in 01:00']);
    await advance(60_000);
    expect(resend.disabled).toBe(false);
  });

  it('resends the code for the password reset', async () => {
    const app = renderApp(RESET_PATH, {
      '/api/auth/otp/resend': () => json(202, { expiresInSeconds: 600, resendAfterSeconds: 60 }),
    });

    fireEvent.click(screen.getByTestId('otp-resend'));

    expect(await screen.findByText(`If an account uses ${EMAIL}, we sent it a new code.`)).toBeTruthy();
    expect(app.bodies('/api/auth/otp/resend')).toEqual([{ email: EMAIL, purpose: 'PASSWORD_RESET' }]);
  });

  it('checks the confirmation before sending anything', () => {
    const app = renderApp(RESET_PATH);

    submitReset('12345678', NEW, 'something-else-entirely');

    expect(screen.getByText("The passwords don't match.")).toBeTruthy();
    expect(app.fetch).not.toHaveBeenCalled();
  });

  it('sets the new password and goes to /login with a notice', async () => {
    const app = renderApp(RESET_PATH, { '/api/auth/password/reset': noContent });

    submitReset();

    expect((await screen.findByTestId('notice')).textContent).toBe('Password changed. Sign in with your new password.');
    await waitFor(() => expect(currentPath()).toBe('/login'));
    expect(app.bodies('/api/auth/password/reset')).toEqual([{ email: EMAIL, code: '12345678', newPassword: NEW }]);
  });

  it('explains an expired code in the form and waits for a new one', async () => {
    renderApp(RESET_PATH, { '/api/auth/password/reset': () => problem(400, 'OTP_EXPIRED', 'Expired') });

    submitReset();

    expect((await screen.findByTestId('form-error')).textContent).toBe(
      'That code has expired. Use “Resend code” to get a new one.',
    );
    expect(screen.getByTestId<HTMLButtonElement>('reset-submit').disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('otp-resend').disabled).toBe(false);
  });

  it('shows a weak password under the new password field', async () => {
    renderApp(RESET_PATH, {
      '/api/auth/password/reset': () =>
        problem(400, 'WEAK_PASSWORD', 'Weak', [{ field: 'newPassword', message: 'must not contain the e-mail' }]),
    });

    submitReset();

    expect(await screen.findByText('must not contain the e-mail')).toBeTruthy();
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('form-error')).toBeNull();
  });

  it('without an e-mail in the address goes back to the first step', () => {
    renderApp('/reset-password');
    expect(currentPath()).toBe('/forgot-password');
  });
});
