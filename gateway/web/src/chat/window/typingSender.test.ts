import { describe, expect, it, vi } from 'vitest';
import { createTypingSender } from './typingSender';

function setup() {
  vi.useFakeTimers();
  const frames: boolean[] = [];
  const sender = createTypingSender(
    (active) => frames.push(active),
    () => Date.now(),
  );
  return { frames, sender };
}

describe('typing sender', () => {
  it('sends active:true at most once every 3 s while typing', () => {
    const { frames, sender } = setup();
    for (let i = 0; i < 12; i++) {
      sender.input('hello'.slice(0, (i % 5) + 1));
      vi.advanceTimersByTime(500);
    }
    // Keystrokes at 0, 0.5 … 5.5 s: renewals at 0 and 3 s.
    expect(frames).toEqual([true, true]);
  });

  it('sends active:false 3 s after the last keystroke', () => {
    const { frames, sender } = setup();
    sender.input('h');
    vi.advanceTimersByTime(2_000);
    sender.input('hi');
    vi.advanceTimersByTime(2_999);
    expect(frames).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(frames).toEqual([true, false]);
  });

  it('sends active:false when the box is cleared or the message sent, and only once', () => {
    const { frames, sender } = setup();
    sender.input('hi');
    sender.input('');
    sender.stop();
    sender.input('again');
    sender.stop();
    vi.advanceTimersByTime(10_000);
    expect(frames).toEqual([true, false, true, false]);
  });
});
