import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Field, TextAreaField } from './Field';
import { SubmitButton } from './SubmitButton';

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
    const described = control
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
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
    const { rerender } = render(
      <SubmitButton testId="go" busy={false} wait={0} busyLabel="Going…">
        Go
      </SubmitButton>,
    );
    expect([button().textContent, button().disabled]).toEqual(['Go', false]);
    rerender(
      <SubmitButton testId="go" busy wait={0} busyLabel="Going…">
        Go
      </SubmitButton>,
    );
    expect([button().textContent, button().disabled]).toEqual(['Going…', true]);
    rerender(
      <SubmitButton testId="go" busy={false} wait={65} busyLabel="Going…">
        Go
      </SubmitButton>,
    );
    expect([button().textContent, button().disabled]).toEqual(['Try again in 01:05', true]);
    rerender(
      <SubmitButton testId="go" busy={false} wait={0} busyLabel="Going…" disabled>
        Go
      </SubmitButton>,
    );
    expect([button().textContent, button().disabled]).toEqual(['Go', true]);
  });
});
