import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { isDeadCode } from '../account/useOtpStep';
import { Field, TextAreaField } from './Field';
import { SubmitButton } from './SubmitButton';

const problem = (code: string, extra: Record<string, unknown> = {}) => ({ status: 400, code, detail: 'x', ...extra });

describe('Field and TextAreaField', () => {
  it.each([
    ['input', Field],
    ['textarea', TextAreaField],
  ] as const)('tie the %s to its label, hint and error', (tag, Component) => {
    render(<Component label="Bio" name="bio" hint="Be nice." error="Too long." />);
    const control = screen.getByLabelText('Bio');
    expect(control.tagName.toLowerCase()).toBe(tag);
    expect(control.getAttribute('name')).toBe('bio');
    expect(control.getAttribute('aria-invalid')).toBe('true');
    const described = control.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Be nice.', 'Too long.']);
  });

  it('leave out aria attributes when there is no hint or error', () => {
    render(<Field label="Name" name="name" />);
    const control = screen.getByLabelText('Name');
    expect(control.hasAttribute('aria-invalid')).toBe(false);
    expect(control.hasAttribute('aria-describedby')).toBe(false);
  });
});

describe('SubmitButton', () => {
  const button = () => screen.getByTestId<HTMLButtonElement>('go');

  it('shows its label, the busy label, or the 429 countdown', () => {
    const { rerender } = render(<SubmitButton testId="go" busy={false} wait={0} busyLabel="Going…">Go</SubmitButton>);
    expect([button().textContent, button().disabled]).toEqual(['Go', false]);
    rerender(<SubmitButton testId="go" busy wait={0} busyLabel="Going…">Go</SubmitButton>);
    expect([button().textContent, button().disabled]).toEqual(['Going…', true]);
    rerender(<SubmitButton testId="go" busy={false} wait={65} busyLabel="Going…">Go</SubmitButton>);
    expect([button().textContent, button().disabled]).toEqual(['Try again in 01:05', true]);
    rerender(<SubmitButton testId="go" busy={false} wait={0} busyLabel="Going…" disabled>Go</SubmitButton>);
    expect([button().textContent, button().disabled]).toEqual(['Go', true]);
  });
});

describe('isDeadCode', () => {
  it('is true only for a code that can never work again', () => {
    expect(isDeadCode(ApiError.fromResponse(400, '', problem('OTP_EXPIRED')))).toBe(true);
    expect(isDeadCode(ApiError.fromResponse(400, '', problem('OTP_TOO_MANY_ATTEMPTS')))).toBe(true);
    expect(isDeadCode(ApiError.fromResponse(400, '', problem('OTP_INVALID', { attemptsLeft: 0 })))).toBe(true);
    expect(isDeadCode(ApiError.fromResponse(400, '', problem('OTP_INVALID', { attemptsLeft: 2 })))).toBe(false);
    expect(isDeadCode(new Error('offline'))).toBe(false);
  });
});
