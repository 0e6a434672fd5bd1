import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chatServer, direct, group, member } from '../test/chat';
import { json } from '../test/helpers';
import { blobResponse } from '../test/media';
import { friend, lists, person } from '../test/people';
import { renderApp, type Server } from '../test/renderApp';

const photo = (username: string) => `/api/media/photo-${username}/content?variant=avatar`;
const photos = (...usernames: string[]): Server =>
  Object.fromEntries(usernames.map((u) => [photo(u), () => blobResponse(`photo of ${u}`)]));
const image = (within_: HTMLElement) => within(within_).findByTestId<HTMLImageElement>('avatar-image');

describe('Photos wherever a person appears', () => {
  it('in the chat list, the chat header and an incoming call', async () => {
    const withPhoto = (username: string) => {
      const m = member(username);
      return { ...m, user: { ...m.user, avatarUrl: photo(username) } };
    };
    const bo = direct('bo', { members: [member('ada'), withPhoto('bo')] });
    const app = renderApp('/chats/d-bo', { ...lists(), ...chatServer([bo]), ...photos('bo') }, { signedIn: true });

    const row = (await screen.findAllByTestId('conversation-item')).find((r) => r.dataset.conversationId === 'd-bo');
    expect((await image(row as HTMLElement)).src).toMatch(/^blob:/);
    expect(await image(screen.getByTestId('chat-title').closest('header') as HTMLElement)).toBeTruthy();
    // One fetch for the photo, however many places show it.
    expect(app.calls().filter((c) => c === `GET ${photo('bo')}`)).toHaveLength(1);

    app.socket.emit('call.incoming', {
      callId: 'k1',
      conversationId: 'd-bo',
      caller: { id: 'id-bo' },
      media: 'audio',
      group: false,
      participants: ['id-bo'],
    });
    expect(await image(screen.getByTestId('call-incoming'))).toBeTruthy();
  });

  it('in the group panel', async () => {
    const cy = member('cy');
    const team = group('Team', [], {
      members: [member('ada', { role: 'ADMIN' }), { ...cy, user: { ...cy.user, avatarUrl: photo('cy') } }],
    });
    renderApp('/chats/g-team', { ...lists(), ...chatServer([team]), ...photos('cy') }, { signedIn: true });

    (await screen.findByTestId('group-info')).click();
    const members = await screen.findAllByTestId('group-member');
    const cyRow = members.find((m) => m.dataset.userId === 'id-cy') as HTMLElement;
    expect(await image(cyRow)).toBeTruthy();
    expect(
      within(members.find((m) => m.dataset.userId === 'u1') as HTMLElement).queryByTestId('avatar-image'),
    ).toBeNull();
  });

  it('on a profile and in the friends lists', async () => {
    renderApp(
      '/people/id-grace',
      {
        ...lists({ friends: [friend('grace', { avatarUrl: photo('grace') })] }),
        '/api/users/id-grace': () => json(200, person('grace', 'FRIEND', { avatarUrl: photo('grace') })),
        ...photos('grace'),
      },
      { signedIn: true },
    );

    expect(await image(await screen.findByTestId('person-profile'))).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId('friend-grace')).getByTestId('avatar-image')).toBeTruthy());
  });
});
