import { describe, expect, it } from 'vitest';
import { avatarHue, initials } from './Avatar';

describe('avatar', () => {
  it('takes initials from the first and last word of the name, else the username', () => {
    expect(initials('Grace Brewster Hopper', 'grace')).toBe('GH');
    expect(initials('ada', 'ada')).toBe('A');
    expect(initials('  ', 'zed')).toBe('Z');
    expect(initials('émile zola', 'ez')).toBe('ÉZ');
  });

  it('gives each id a stable hue', () => {
    expect(avatarHue('id-ada')).toBe(avatarHue('id-ada'));
    expect(avatarHue('id-ada')).toBeGreaterThanOrEqual(0);
    expect(avatarHue('id-ada')).toBeLessThan(360);
  });
});
