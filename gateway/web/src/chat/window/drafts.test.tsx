import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { bubble, bubbles, chatServer, composer, direct, message, serverReplies } from '../../test/chat';
import { lists } from '../../test/people';
import { renderApp } from '../../test/renderApp';
import { draftsKey } from '../store/draftStorage';

const KEY = draftsKey('u1');
const stored = () => JSON.parse(localStorage.getItem(KEY) ?? 'null') as Record<string, string> | null;
const type = (text: string) => fireEvent.change(composer(), { target: { value: text } });
const row = (id: string) =>
  screen.getAllByTestId('conversation-item').find((r) => r.dataset.conversationId === id) as HTMLElement;

/** The app on `/chats/<id>`, with a chat with Bo (my last message 5 minutes old, still mine to edit) and one with Cy. */
async function openChats(id = 'd-bo') {
  const recent = new Date(Date.now() - 5 * 60_000).toISOString();
  const server = chatServer([direct('bo', { lastSeq: 2 }), direct('cy', { lastSeq: 1 })], {
    'd-bo': [message('d-bo', 1, 'bo'), message('d-bo', 2, 'ada', { createdAt: recent })],
    'd-cy': [message('d-cy', 1, 'cy', { id: 'c1' })],
  });
  const app = renderApp(
    `/chats/${id}`,
    { ...lists(), ...server, '/api/auth/logout': () => new Response(null, { status: 204 }) },
    { signedIn: true },
  );
  app.socket.reply = serverReplies();
  await waitFor(() => expect(bubbles().length).toBeGreaterThan(0));
  return app;
}

describe('Chat window: drafts', () => {
  it('keeps what was typed in a chat when another is opened, and shows it in the list meanwhile', async () => {
    await openChats();
    type('half a thought');
    expect(within(row('d-bo')).queryByTestId('conversation-draft')).toBeNull(); // not for the open chat

    fireEvent.click(row('d-cy'));
    await waitFor(() => expect(bubble('c1')).toBeTruthy());
    expect(composer().value).toBe('');
    expect(within(row('d-bo')).getByTestId('conversation-draft').textContent).toBe('Draft: half a thought');
    expect(within(row('d-bo')).queryByTestId('conversation-preview')).toBeNull();

    fireEvent.click(row('d-bo'));
    await waitFor(() => expect(bubble('m1')).toBeTruthy());
    expect(composer().value).toBe('half a thought');
  });

  it('writes the drafts to storage once typing pauses, and finds them there after a reload', async () => {
    await openChats();
    type('for later');
    expect(stored()).toBeNull();
    await waitFor(() => expect(stored()).toEqual({ 'd-bo': 'for later' }));

    cleanup();
    await openChats('d-cy');
    expect(within(row('d-bo')).getByTestId('conversation-draft').textContent).toBe('Draft: for later');
    fireEvent.click(row('d-bo'));
    await waitFor(() => expect(bubble('m1')).toBeTruthy());
    expect(composer().value).toBe('for later');
  });

  it('drops the draft once sent or emptied', async () => {
    const app = await openChats();
    type('hello');
    await waitFor(() => expect(stored()).toEqual({ 'd-bo': 'hello' }));
    fireEvent.keyDown(composer(), { key: 'Enter' });
    expect(app.socket.sentData('message.send')).toMatchObject([{ text: 'hello' }]);
    await waitFor(() => expect(stored()).toBeNull());

    type('again');
    await waitFor(() => expect(stored()).toEqual({ 'd-bo': 'again' }));
    type('  ');
    await waitFor(() => expect(stored()).toBeNull());
  });

  it('keeps the draft, not the edit, while a message is edited, and gives it back after', async () => {
    await openChats();
    type('my draft');
    fireEvent.click(within(bubble('m2')).getByTestId('message-edit'));
    expect(composer().value).toBe('message 2');
    type('message 2, edited');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(stored()).toEqual({ 'd-bo': 'my draft' });

    fireEvent.click(screen.getByTestId('edit-cancel'));
    expect(composer().value).toBe('my draft');
    expect(stored()).toEqual({ 'd-bo': 'my draft' });
  });

  it('forgets the drafts on a sign-out the user chose', async () => {
    const app = await openChats();
    type('secret');
    await waitFor(() => expect(stored()).toEqual({ 'd-bo': 'secret' }));

    fireEvent.click(screen.getByTestId('sidebar-sign-out'));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(app.session.get()).toBeNull();
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});
