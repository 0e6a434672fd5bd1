import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chatServer, direct, group, message } from '../../test/chat';
import { json, problem, tooMany } from '../../test/helpers';
import { lists } from '../../test/people';
import { currentPath, renderApp, type Server } from '../../test/renderApp';
import type { Message } from '../store/types';
import type { SearchHighlight } from './searchApi';

const CONVERSATIONS = [direct('bo', { lastSeq: 52 }), group('Team', ['bo', 'cy'], { lastSeq: 3 })];

const box = () => screen.getByTestId<HTMLInputElement>('message-search');
const results = () => screen.queryAllByTestId('search-result');
const result = (messageId: string) => results().find((r) => r.dataset.messageId === messageId) as HTMLElement;
const snippet = (messageId: string) => within(result(messageId)).getByTestId('search-snippet');
const marks = (messageId: string) => [...snippet(messageId).querySelectorAll('mark')].map((m) => m.textContent);
const searchUrl = (query: string) => `/api/search/messages?${query}`;

function hit(m: Message, text = m.text, highlights: SearchHighlight[] = []) {
  return { message: m, snippet: { text, highlights } };
}

function show(server: Server, path = '/chats', messages: Record<string, Message[]> = {}) {
  return renderApp(path, { ...lists(), ...chatServer(CONVERSATIONS, messages), ...server }, { signedIn: true });
}

async function searchFor(q: string) {
  // The chats are in (for the results' names), unless a search is open already.
  if (!screen.queryByTestId('search-results')) await screen.findAllByTestId('conversation-item');
  fireEvent.change(box(), { target: { value: q } });
  fireEvent.submit(box().closest('form') as HTMLFormElement);
}

const searches = (app: ReturnType<typeof renderApp>) => app.calls().filter((c) => c.includes('/api/search/'));

describe('Message search', () => {
  it('shows each result with its chat, sender, time and the snippet with the matches marked', async () => {
    const fromBo = message('d-bo', 7, 'bo', { text: '😀 see you at noon' });
    const mine = message('g-team', 3, 'ada', { text: 'Noon works' });
    const app = show({
      [searchUrl('q=noon&limit=20')]: () =>
        json(200, {
          items: [
            hit(fromBo, '😀 see you at noon', [{ start: 14, length: 4 }]),
            hit(mine, 'Noon works', [{ start: 0, length: 4 }]),
          ],
          hasMore: false,
        }),
    });

    const input = box();
    expect(input.type).toBe('search');
    expect(input.getAttribute('aria-label')).toBe('Search messages');
    expect(input.placeholder).toBe('Search messages');
    await searchFor('noon');

    await waitFor(() => expect(results()).toHaveLength(2));
    expect(screen.queryByTestId('conversation-list')).toBeNull();
    expect(result('m7').dataset.conversationId).toBe('d-bo');
    expect(within(result('m7')).getByTestId('search-result-conversation').textContent).toBe('Bo');
    expect(within(result('m7')).getByTestId('search-result-sender').textContent).toBe('Bo');
    expect(result('m7').querySelector('time')?.getAttribute('dateTime')).toBe(fromBo.createdAt);
    expect(snippet('m7').textContent).toBe('😀 see you at noon');
    expect(marks('m7')).toEqual(['noon']);
    expect(within(result('m3')).getByTestId('search-result-conversation').textContent).toBe('Team');
    expect(within(result('m3')).getByTestId('search-result-sender').textContent).toBe('You');
    expect(snippet('m3').innerHTML).toBe('<mark>Noon</mark> works');
    expect(searches(app)).toEqual(['GET /api/search/messages?q=noon&limit=20']);
  });

  it('never reads a snippet as HTML', async () => {
    const attack = '<img src=x onerror=alert(1)> <b>noon</b>';
    show({
      [searchUrl('q=noon&limit=20')]: () =>
        json(200, { items: [hit(message('d-bo', 1, 'bo'), attack, [{ start: 32, length: 4 }])], hasMore: false }),
    });
    await searchFor('noon');

    await waitFor(() => expect(results()).toHaveLength(1));
    expect(snippet('m1').textContent).toBe(attack);
    expect(marks('m1')).toEqual(['noon']);
    expect(snippet('m1').querySelector('img, b')).toBeNull();
  });

  it('says when nothing was found, and Esc clears the box and brings the chats back', async () => {
    show({ [searchUrl('q=nothing+here&limit=20')]: () => json(200, { items: [], hasMore: false }) });
    await searchFor('nothing here');

    expect((await screen.findByTestId('search-empty')).textContent).toBe('No messages found');
    expect(screen.queryByTestId('conversation-list')).toBeNull();

    fireEvent.keyDown(box(), { key: 'Escape' });

    expect(box().value).toBe('');
    expect(screen.queryByTestId('search-results')).toBeNull();
    expect(screen.getByTestId('conversation-list')).toBeTruthy();
  });

  it('closes with the ✕ button', async () => {
    show({ [searchUrl('q=hi&limit=20')]: () => json(200, { items: [], hasMore: false }) });
    await searchFor('hi');
    await screen.findByTestId('search-empty');

    fireEvent.click(screen.getByTestId('search-close'));

    expect(box().value).toBe('');
    expect(screen.getByTestId('conversation-list')).toBeTruthy();
  });

  it('words failures: too many searches, a refused query', async () => {
    show({
      [searchUrl('q=fast&limit=20')]: () => tooMany('RATE_LIMITED', 30),
      [searchUrl('q=bad&limit=20')]: () =>
        problem(400, 'VALIDATION_FAILED', 'Invalid', [{ field: 'q', message: 'must not be blank' }]),
    });
    await searchFor('fast');
    expect((await screen.findByTestId('search-error')).textContent).toBe(
      'Too many searches. Wait a moment and try again.',
    );

    await searchFor('bad');
    await waitFor(() =>
      expect(screen.getByTestId('search-error').textContent).toBe('Type up to 200 characters to search for.'),
    );
    expect(results()).toHaveLength(0);
  });

  it('loads more results from after the last one, in the same order, until there are no more', async () => {
    const app = show({
      [searchUrl('q=lunch&limit=20')]: () =>
        json(200, {
          items: [hit(message('d-bo', 9, 'bo')), hit(message('d-bo', 8, 'bo'))],
          hasMore: true,
          order: 'newest',
        }),
      [searchUrl('q=lunch&before=m8&order=newest&limit=20')]: () =>
        json(200, { items: [hit(message('g-team', 2, 'cy'))], hasMore: false, order: 'newest' }),
    });
    await searchFor('lunch');
    await waitFor(() => expect(results()).toHaveLength(2));

    fireEvent.click(screen.getByTestId('search-more'));

    await waitFor(() => expect(results().map((r) => r.dataset.messageId)).toEqual(['m9', 'm8', 'm2']));
    expect(within(result('m2')).getByTestId('search-result-sender').textContent).toBe('Cy');
    expect(screen.queryByTestId('search-more')).toBeNull();
    expect(searches(app)).toEqual([
      'GET /api/search/messages?q=lunch&limit=20',
      'GET /api/search/messages?q=lunch&before=m8&order=newest&limit=20',
    ]);
  });

  it('says in what order the results are, and searches again in the other order on request', async () => {
    const app = show({
      [searchUrl('q=the&limit=20')]: () =>
        json(200, { items: [hit(message('d-bo', 9, 'bo'))], hasMore: false, order: 'newest' }),
      [searchUrl('q=the&order=relevance&limit=20')]: () =>
        json(200, { items: [hit(message('d-bo', 4, 'bo'))], hasMore: false, order: 'relevance' }),
    });
    await searchFor('the');
    await waitFor(() => expect(screen.getByTestId('search-order').textContent).toContain('Newest first'));

    fireEvent.click(screen.getByTestId('search-reorder'));

    await waitFor(() => expect(results().map((r) => r.dataset.messageId)).toEqual(['m4']));
    expect(screen.getByTestId('search-order').textContent).toContain('Most relevant first');
    expect(screen.getByTestId('search-reorder').textContent).toBe('Show newest first');
    expect(searches(app)).toEqual([
      'GET /api/search/messages?q=the&limit=20',
      'GET /api/search/messages?q=the&order=relevance&limit=20',
    ]);
  });

  it('searches once typing pauses, from two characters, and not again for the same query', async () => {
    const app = show({ [searchUrl('q=noon&limit=20')]: () => json(200, { items: [], hasMore: false }) });
    await screen.findAllByTestId('conversation-item');

    fireEvent.change(box(), { target: { value: 'n' } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(searches(app)).toEqual([]);

    fireEvent.change(box(), { target: { value: 'noon' } });
    await screen.findByTestId('search-empty');
    fireEvent.change(box(), { target: { value: 'noon ' } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(searches(app)).toEqual(['GET /api/search/messages?q=noon&limit=20']);
  });

  it('opens the chat of a clicked result at that message, loading older pages, and keeps the results', async () => {
    const found = message('d-bo', 1, 'bo', { text: 'the noon plan' });
    const newest = [message('d-bo', 51, 'bo'), message('d-bo', 52, 'ada')];
    const app = show(
      {
        [searchUrl('q=plan&limit=20')]: () =>
          json(200, { items: [hit(found, found.text, [{ start: 9, length: 4 }])], hasMore: false }),
        '/api/conversations/d-bo/messages?limit=50': () => json(200, { items: [...newest].reverse(), hasMore: true }),
        '/api/conversations/d-bo/messages?before=m51&limit=50': () =>
          json(200, { items: [message('d-bo', 2, 'bo'), found], hasMore: false }),
      },
      '/chats',
    );
    await searchFor('plan');
    await waitFor(() => expect(results()).toHaveLength(1));

    fireEvent.click(result('m1'));

    expect(currentPath()).toBe('/chats/d-bo?message=m1');
    const bubble = () => screen.queryAllByTestId('message').find((b) => b.dataset.messageId === 'm1');
    await waitFor(() => expect(bubble()?.dataset.highlighted).toBe('true'));
    expect(app.calls()).toContain('GET /api/conversations/d-bo/messages?before=m51&limit=50');
    expect(result('m1').getAttribute('aria-current')).toBe('true');
    expect(box().value).toBe('plan');
  });

  it('says so when the message cannot be shown any more', async () => {
    show({}, '/chats/d-bo?message=m99', { 'd-bo': [message('d-bo', 1, 'bo')] });

    expect((await screen.findByTestId('jump-missing')).textContent).toMatch(/no longer available/);
  });
});
