import { describe, expect, it } from 'vitest';
import { toMessage } from './frameData';
import { callDuration, callText, previewOf } from './selectors';

describe('call records', () => {
  it('say how the call went, from where the reader stood', () => {
    expect(callText({ media: 'video', outcome: 'completed', durationSeconds: 192 }, true)).toBe(
      'Video call · 3 min 12 s',
    );
    expect(callText({ media: 'audio', outcome: 'missed', durationSeconds: 0 }, false)).toBe('Missed audio call');
    expect(callText({ media: 'audio', outcome: 'missed', durationSeconds: 0 }, true)).toBe('Audio call · no answer');
    expect(callText({ media: 'video', outcome: 'declined', durationSeconds: 0 }, false)).toBe('Declined video call');
    expect(callText({ media: 'video', outcome: 'busy', durationSeconds: 0 }, true)).toBe('Video call · busy');
    expect(callText({ media: 'video', outcome: 'cancelled', durationSeconds: 0 }, false)).toBe('Missed video call');
    expect(callText({ media: 'audio', outcome: 'failed', durationSeconds: 0 }, true)).toBe('Audio call · failed');
    const group = {
      media: 'video' as const,
      outcome: 'completed' as const,
      durationSeconds: 75,
      participantIds: ['a'],
    };
    expect(callText(group, false, ['Ada', 'Bo', 'Cy'])).toBe('Group video call · 1 min 15 s · Ada, Bo and Cy');
    expect(callText({ ...group, outcome: 'missed' }, true)).toBe('Group video call · nobody joined');
    expect(callText({ ...group, media: 'audio', outcome: 'missed' }, false)).toBe('Missed group audio call');
  });

  it('format durations and show in the conversation list', () => {
    expect(callDuration(45)).toBe('45 s');
    expect(callDuration(3720)).toBe('1 h 2 min');
    const record = {
      deleted: false,
      text: '',
      attachments: [],
      senderId: 'ada',
      call: { media: 'video' as const, outcome: 'missed' as const, durationSeconds: 0 },
    };
    expect(previewOf(record, 'bo')).toBe('Missed video call');
    expect(previewOf(record, 'ada')).toBe('Video call · no answer');
  });

  it('come through from the server, and a malformed one shows as no call', () => {
    const base = { id: 'm1', conversationId: 'c1', seq: 1, senderId: 'ada', text: '' };
    const record = toMessage({
      ...base,
      kind: 'call',
      call: { media: 'video', outcome: 'completed', durationSeconds: 62 },
    });
    expect(record?.call).toEqual({ media: 'video', outcome: 'completed', durationSeconds: 62 });
    expect(toMessage({ ...base, kind: 'call', call: { media: 'hologram', outcome: 'completed' } })?.call).toBeNull();
    expect(toMessage({ ...base, kind: 'text' })?.call).toBeUndefined();
  });
});
