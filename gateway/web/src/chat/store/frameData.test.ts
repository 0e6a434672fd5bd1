import { describe, expect, it } from 'vitest';
import { message, quote } from '../../test/chat';
import { attachment } from '../../test/media';
import { toMessage, toMessageEdited, toMessageUpdated, toReactionUpdated } from './frameData';

describe('frame data: attachments', () => {
  it('keeps the files that have an id and a URL, with defaults for what a partial payload leaves out', () => {
    const image = attachment('a1');
    const parsed = toMessage({
      ...message('d-bo', 1, 'bo', { text: '' }),
      attachments: [image, { id: 'a2', url: '/api/media/a2/content' }, { id: 'a3' }, 'junk', null],
    });

    expect(parsed?.attachments).toEqual([
      image,
      {
        id: 'a2',
        url: '/api/media/a2/content',
        thumbnailUrl: null,
        contentType: 'application/octet-stream',
        size: 0,
        width: null,
        height: null,
        durationSeconds: null,
        name: '',
      },
    ]);
  });

  it('gives a message without attachments an empty list', () => {
    const { attachments: _none, ...bare } = message('d-bo', 1, 'bo');
    expect(toMessage(bare)?.attachments).toEqual([]);
  });
});

describe('frame data: replies, edits and reactions', () => {
  const original = message('d-bo', 1, 'bo', { text: 'the original' });
  const reactions = [
    { emoji: '👍', count: 2, userIds: ['id-bo', 'u1'] },
    { emoji: '🎉', count: 1, userIds: ['id-bo'] },
  ];

  it('reads the quote, the edit time and the reactions of a message', () => {
    const reply = message('d-bo', 2, 'ada', {
      replyTo: quote(original),
      editedAt: '2026-01-05T10:30:00Z',
      reactions,
    });

    expect(toMessage(reply)).toEqual(reply);
  });

  it('gives a message without them (an older payload) no quote, no edit time and no reactions', () => {
    const { replyTo: _r, editedAt: _e, reactions: _x, ...bare } = message('d-bo', 1, 'bo');

    expect(toMessage(bare)).toMatchObject({ replyTo: null, editedAt: null, reactions: [] });
  });

  it('drops a quote without its message or sender, and fills in what a partial one leaves out', () => {
    const at = (replyTo: unknown) => toMessage({ ...message('d-bo', 2, 'bo'), replyTo })?.replyTo;

    expect(at({ text: 'no id' })).toBeNull();
    expect(at({ id: 'm1' })).toBeNull();
    expect(at('junk')).toBeNull();
    expect(at({ id: 'm1', senderId: 'id-bo' })).toEqual({
      id: 'm1',
      senderId: 'id-bo',
      text: '',
      attachmentCount: 0,
      kind: 'text',
      deleted: false,
      senderBlocked: false,
    });
    expect(at({ id: 'm1', senderId: 'id-bo', kind: 'call', deleted: true, senderBlocked: true })).toMatchObject({
      kind: 'call',
      deleted: true,
      senderBlocked: true,
    });
  });

  it('keeps the reactions that name their emoji, counting who reacted when the count is missing', () => {
    const parsed = toMessage({
      ...message('d-bo', 1, 'bo'),
      reactions: [{ emoji: '🔥', userIds: ['id-bo', 7, 'u1'] }, { count: 3 }, { emoji: '😢', count: 0 }, null],
    });

    expect(parsed?.reactions).toEqual([{ emoji: '🔥', count: 2, userIds: ['id-bo', 'u1'] }]);
  });

  it('checks message.updated and reaction.updated frames and the edit ack, dropping malformed ones', () => {
    const edited = message('d-bo', 1, 'bo', { text: 'fixed', version: 5, editedAt: '2026-01-05T10:30:00Z' });
    expect(toMessageUpdated({ message: edited })).toEqual({ message: edited });
    expect(toMessageUpdated({ message: { id: 'm1' } })).toBeNull();
    expect(toMessageUpdated(null)).toBeNull();

    const frame = { conversationId: 'd-bo', messageId: 'm1', version: 6, reactions };
    expect(toReactionUpdated(frame)).toEqual(frame);
    expect(toReactionUpdated({ ...frame, reactions: [] })).toEqual({ ...frame, reactions: [] });
    // Without its number it cannot be ordered against other changes; without reactions it would wipe them.
    expect(toReactionUpdated({ ...frame, version: undefined })).toBeNull();
    expect(toReactionUpdated({ ...frame, reactions: undefined })).toBeNull();
    expect(toReactionUpdated({ ...frame, messageId: '' })).toBeNull();

    const ack = { conversationId: 'd-bo', messageId: 'm1', version: 7, editedAt: '2026-01-05T10:30:00Z' };
    expect(toMessageEdited(ack)).toEqual(ack);
    expect(toMessageEdited({ ...ack, editedAt: undefined })).toEqual({ ...ack, editedAt: null });
    expect(toMessageEdited({ ...ack, version: 'x' })).toBeNull();
  });
});
