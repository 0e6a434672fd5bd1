import { describe, expect, it } from 'vitest';
import { message } from '../../test/chat';
import { attachment } from '../../test/media';
import { toMessage } from './frameData';

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
