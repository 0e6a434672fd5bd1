import { describe, expect, it } from 'vitest';
import { message } from '../../test/chat';
import { snippetParts, toSearchPage } from './searchApi';

describe('snippetParts', () => {
  it('cuts the text into plain and marked parts by UTF-16 offsets', () => {
    expect(snippetParts('see you at noon today', [{ start: 11, length: 4 }])).toEqual([
      { text: 'see you at ', mark: false },
      { text: 'noon', mark: true },
      { text: ' today', mark: false },
    ]);
  });

  it('counts a surrogate-pair emoji before a match as two units', () => {
    // '😀' is two UTF-16 code units, so "noon" starts at 3.
    expect(snippetParts('😀 noon', [{ start: 3, length: 4 }])).toEqual([
      { text: '😀 ', mark: false },
      { text: 'noon', mark: true },
    ]);
  });

  it('sorts, merges overlaps, clips to the text and never splits a surrogate pair', () => {
    expect(
      snippetParts('ab 😀cd ef', [
        { start: 8, length: 10 },
        { start: 0, length: 2 },
        { start: 1, length: 1 },
        { start: 4, length: 2 },
      ]),
    ).toEqual([
      { text: 'ab', mark: true },
      { text: ' ', mark: false },
      { text: '😀c', mark: true },
      { text: 'd ', mark: false },
      { text: 'ef', mark: true },
    ]);
    expect(snippetParts('plain', [])).toEqual([{ text: 'plain', mark: false }]);
  });
});

describe('toSearchPage', () => {
  it('keeps well-formed hits and highlights only', () => {
    const page = toSearchPage({
      items: [
        { message: message('d-bo', 1, 'bo'), snippet: { text: 'message 1', highlights: [{ start: 0, length: 7 }] } },
        { message: { id: 'broken' }, snippet: { text: 'x', highlights: [] } },
        {
          message: message('d-bo', 2, 'bo'),
          snippet: { text: 'message 2', highlights: [{ start: -1, length: 2 }, { start: 1.5, length: 1 }, 'x'] },
        },
      ],
      hasMore: true,
      order: 'newest',
    });
    expect(page.hasMore).toBe(true);
    expect(page.order).toBe('newest');
    expect(page.items.map((hit) => [hit.message.id, hit.snippet.highlights])).toEqual([
      ['m1', [{ start: 0, length: 7 }]],
      ['m2', []],
    ]);
    expect(toSearchPage(undefined)).toEqual({ items: [], hasMore: false, order: 'relevance' });
  });
});
