import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bubble, direct, member, message, openChat } from '../../test/chat';
import { json } from '../../test/helpers';

// jsdom lays nothing out and has no scrollIntoView: the calls are what can be checked.
const scrollIntoView = vi.fn();
beforeEach(() => {
  scrollIntoView.mockClear();
  Object.defineProperty(Element.prototype, 'scrollIntoView', { value: scrollIntoView, configurable: true });
});
afterEach(() => {
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

const divider = () => screen.queryByTestId('unread-divider');
const jumpButton = () => screen.queryByTestId('jump-latest');

/** Bo's chat where I read up to `readSeq` and `unread` messages came since. */
const chatWithBo = (lastSeq: number, readSeq: number, unread: number) =>
  direct('bo', { lastSeq, unreadCount: unread, members: [member('ada', { lastReadSeq: readSeq }), member('bo')] });

/** The list's scroll geometry (jsdom has none), and what the app sets its scrollTop to. */
function geometry(top = 0) {
  const list = screen.getByTestId('message-list');
  const scrolledTo = vi.fn();
  Object.defineProperty(list, 'scrollHeight', { value: 1000, configurable: true });
  Object.defineProperty(list, 'clientHeight', { value: 300, configurable: true });
  Object.defineProperty(list, 'scrollTop', { get: () => top, set: scrolledTo, configurable: true });
  return { list, scrolledTo };
}

describe('Chat window: unread messages', () => {
  it('opens at the first unread message under a divider, with a button to the latest that says how many', async () => {
    const app = await openChat(chatWithBo(4, 2, 2), [
      message('d-bo', 1, 'bo'),
      message('d-bo', 2, 'ada'),
      message('d-bo', 3, 'bo'),
      message('d-bo', 4, 'bo'),
    ]);

    await waitFor(() => expect(scrollIntoView).toHaveBeenCalledWith({ block: 'start' }));
    expect(divider()?.textContent).toBe('New messages');
    expect(divider()?.nextElementSibling).toBe(bubble('m3'));
    expect(scrollIntoView.mock.contexts[0]).toBe(divider());
    expect(jumpButton()?.getAttribute('aria-label')).toBe('Jump to latest messages');
    expect(screen.getByTestId('jump-latest-count').textContent).toBe('2');
    // Read all the same, as before: the chat is in front of me.
    await waitFor(() => expect(app.socket.sentData('read')).toEqual([{ conversationId: 'd-bo', messageId: 'm4' }]));

    const { scrolledTo } = geometry();
    fireEvent.click(jumpButton()!);
    expect(scrolledTo).toHaveBeenCalledWith(1000);
    expect(jumpButton()).toBeNull();
    expect(divider()?.nextElementSibling).toBe(bubble('m3')); // it stays while the chat is open
  });

  it('shows no divider nor button when nothing is unread, and stays at the bottom', async () => {
    await openChat(chatWithBo(3, 3, 0), [
      message('d-bo', 1, 'ada'),
      message('d-bo', 2, 'bo'),
      message('d-bo', 3, 'bo'),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(divider()).toBeNull();
    expect(jumpButton()).toBeNull();
    expect(scrollIntoView).not.toHaveBeenCalled();
  });

  it('loads older pages until the first unread message is in', async () => {
    const newest = [message('d-bo', 51, 'bo'), message('d-bo', 52, 'bo')];
    const app = await openChat(chatWithBo(52, 49, 3), newest, {
      '/api/conversations/d-bo/messages?limit=50': () => json(200, { items: [...newest].reverse(), hasMore: true }),
      '/api/conversations/d-bo/messages?before=m51&limit=50': () =>
        json(200, { items: [message('d-bo', 50, 'bo'), message('d-bo', 49, 'ada')], hasMore: true }),
    });

    await waitFor(() => expect(divider()?.nextElementSibling).toBe(bubble('m50')));
    await waitFor(() => expect(scrollIntoView).toHaveBeenCalled());
    expect(app.calls().filter((c) => c.includes('before='))).toEqual([
      'GET /api/conversations/d-bo/messages?before=m51&limit=50',
    ]);
    expect(screen.getByTestId('jump-latest-count').textContent).toBe('3');
  });

  it('offers the latest once scrolled up, counting what came meanwhile', async () => {
    const app = await openChat(chatWithBo(2, 2, 0), [message('d-bo', 1, 'bo'), message('d-bo', 2, 'ada')]);
    expect(jumpButton()).toBeNull();

    const { list } = geometry(400);
    fireEvent.scroll(list);
    expect(jumpButton()).toBeTruthy();
    expect(screen.queryByTestId('jump-latest-count')).toBeNull();

    app.socket.emit('message.new', { message: message('d-bo', 3, 'bo') });
    expect(screen.getByTestId('jump-latest-count').textContent).toBe('1');
    expect(divider()).toBeNull();

    Object.defineProperty(list, 'scrollTop', { get: () => 700, configurable: true });
    fireEvent.scroll(list);
    expect(jumpButton()).toBeNull();
  });
});
