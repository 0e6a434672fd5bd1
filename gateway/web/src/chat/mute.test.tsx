import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FrameType } from '../socket/protocol';
import { direct, message, openChat } from '../test/chat';
import { json } from '../test/helpers';

const BO = direct('bo', { lastSeq: 2 });
const FOREVER = '9999-12-31T23:59:59Z';
const headerIcon = () => within(screen.getByTestId('chat-title')).queryByTestId('muted-icon');
const listIcon = () => {
  const row = screen.getAllByTestId('conversation-item').find((r) => r.dataset.conversationId === 'd-bo');
  return within(row as HTMLElement).queryByTestId('muted-icon');
};

function muteServer() {
  return {
    'PUT /api/conversations/d-bo/mute': (body: unknown) =>
      json(200, { ...BO, mutedUntil: (body as { until: string | null }).until }),
  };
}

describe('mute', () => {
  it('mutes from the chat menu (PUT …/mute), shows the icon, and unmutes', async () => {
    const app = await openChat(BO, [message('d-bo', 1, 'bo'), message('d-bo', 2, 'ada')], muteServer());
    expect(headerIcon()).toBeNull();

    fireEvent.click(screen.getByTestId('chat-menu'));
    fireEvent.click(screen.getByTestId('mute-menu'));
    const before = Date.now();
    fireEvent.click(screen.getByTestId('mute-8h'));
    await waitFor(() => expect(headerIcon()).not.toBeNull());
    expect(listIcon()).not.toBeNull();
    const [{ until }] = app.bodies('/api/conversations/d-bo/mute') as { until: string }[];
    expect(Date.parse(until) - before).toBeGreaterThanOrEqual(8 * 3_600_000 - 1_000);
    expect(Date.parse(until) - before).toBeLessThan(8 * 3_600_000 + 60_000);

    fireEvent.click(screen.getByTestId('chat-menu'));
    expect(screen.queryByTestId('mute-menu')).toBeNull();
    fireEvent.click(screen.getByTestId('unmute'));
    await waitFor(() => expect(headerIcon()).toBeNull());
    expect(listIcon()).toBeNull();
    expect(app.bodies('/api/conversations/d-bo/mute')[1]).toEqual({ until: null });

    fireEvent.click(screen.getByTestId('chat-menu'));
    fireEvent.click(screen.getByTestId('mute-menu'));
    fireEvent.click(screen.getByTestId('mute-always'));
    await waitFor(() => expect(headerIcon()).not.toBeNull());
    expect(app.bodies('/api/conversations/d-bo/mute')[2]).toEqual({ until: FOREVER });
    expect(screen.queryByTestId('mute-dialog')).toBeNull();
  });

  it('follows conversation.muted frames from my other devices; a past time is no mute', async () => {
    const app = await openChat(BO);
    app.socket.emit(FrameType.CONVERSATION_MUTED, { conversationId: 'd-bo', mutedUntil: FOREVER });
    expect(headerIcon()).not.toBeNull();
    expect(listIcon()).not.toBeNull();
    app.socket.emit(FrameType.CONVERSATION_MUTED, { conversationId: 'd-bo', mutedUntil: null });
    expect(headerIcon()).toBeNull();
    app.socket.emit(FrameType.CONVERSATION_MUTED, { conversationId: 'd-bo', mutedUntil: '2020-01-01T00:00:00Z' });
    expect(headerIcon()).toBeNull();
    app.socket.emitRaw(FrameType.CONVERSATION_MUTED, { mutedUntil: FOREVER }); // malformed: dropped
    expect(listIcon()).toBeNull();
  });

  it('shows the icon for a chat the list says is muted', async () => {
    await openChat(direct('bo', { lastSeq: 2, mutedUntil: FOREVER }));
    expect(headerIcon()).not.toBeNull();
    expect(listIcon()).not.toBeNull();
  });
});
