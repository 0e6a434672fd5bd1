import { describe, expect, it } from 'vitest';
import { direct, group, member, message, ME, quote } from '../../test/chat';
import { chatReducer, initialChatState, TYPING_TTL_MS, type ChatAction, type ChatState } from './chatState';
import { deliveryOf, typingText } from './selectors';

const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);

function opened(conversation = direct('bo'), items = [message('d-bo', 1, 'bo')]): ChatState {
  return run(
    initialChatState(ME),
    { type: 'listLoaded', items: [conversation] },
    { type: 'historyLoaded', conversationId: conversation.id, items, hasMore: false, older: false },
  );
}

const entry = (state: ChatState, id = 'd-bo') => state.conversations[id];
const ids = (state: ChatState, id = 'd-bo') => entry(state, id).messages?.map((m) => m.id);

describe('chatReducer: live frames', () => {
  it('applies a repeated message.new once, counting it unread once', () => {
    const state = opened(direct('bo', { lastSeq: 1 }));
    const frame: ChatAction = { type: 'messageNew', message: message('d-bo', 2, 'bo') };

    const after = run(state, frame, frame);

    expect(ids(after)).toEqual(['m1', 'm2']);
    expect(entry(after).conversation.unreadCount).toBe(1);
    expect(entry(after).conversation.lastMessage?.id).toBe('m2');
    expect(entry(after).syncedSeq).toBe(2);
  });

  it('counts unread messages of a chat whose messages are not loaded, by seq', () => {
    const state = run(initialChatState(ME), {
      type: 'listLoaded',
      items: [direct('bo', { lastSeq: 4, unreadCount: 2 })],
    });
    const m5: ChatAction = { type: 'messageNew', message: message('d-bo', 5, 'bo') };

    const after = run(state, m5, m5, { type: 'messageNew', message: message('d-bo', 6, 'ada') });

    expect(entry(after).conversation.unreadCount).toBe(3);
    expect(entry(after).messages).toBeNull();
    expect(entry(after).conversation.lastMessage?.id).toBe('m6');
  });

  it('keeps messages in seq order whatever order they arrive in', () => {
    const state = opened();
    const after = run(
      state,
      { type: 'messageNew', message: message('d-bo', 4, 'bo') },
      { type: 'messageNew', message: message('d-bo', 3, 'bo') },
    );
    expect(ids(after)).toEqual(['m1', 'm3', 'm4']);
  });

  it('turns a message deleted for everyone into a tombstone that a late repeat does not bring back', () => {
    const m2 = message('d-bo', 2, 'bo', { text: 'oops' });
    const state = opened(direct('bo'), [message('d-bo', 1, 'bo'), m2]);

    const after = run(
      state,
      { type: 'messageDeleted', frame: { conversationId: 'd-bo', messageId: 'm2', scope: 'everyone', version: 3 } },
      { type: 'messageNew', message: m2 },
    );

    const gone = entry(after).messages?.[1];
    expect(gone).toMatchObject({ id: 'm2', deleted: true, text: '', version: 3 });
    expect(entry(after).conversation.lastMessage).toMatchObject({ id: 'm2', deleted: true });
    expect(entry(after).syncedSeq).toBe(3);
  });

  it('ignores a delete frame older than the tombstone it has', () => {
    const state = opened(direct('bo'), [
      message('d-bo', 1, 'bo', { deleted: true, text: '', version: 7, deletedAt: 'x' }),
    ]);
    const after = run(state, {
      type: 'messageDeleted',
      frame: { conversationId: 'd-bo', messageId: 'm1', scope: 'everyone', version: 5 },
    });
    expect(entry(after).messages?.[0].version).toBe(7);
  });

  it('hides a message deleted for me for good, and the preview falls back to the one before', () => {
    const m2 = message('d-bo', 2, 'bo');
    const state = opened(direct('bo'), [message('d-bo', 1, 'bo'), m2]);

    const after = run(
      state,
      { type: 'messageDeleted', frame: { conversationId: 'd-bo', messageId: 'm2', scope: 'me' } },
      { type: 'messageNew', message: m2 },
    );

    expect(ids(after)).toEqual(['m1']);
    expect(entry(after).conversation.lastMessage?.id).toBe('m1');
  });

  it('marks my message read once another member has read up to it', () => {
    const state = opened(direct('bo'), [message('d-bo', 1, 'ada'), message('d-bo', 2, 'ada')]);
    const read = (seq: number): ChatAction => ({
      type: 'readUpdated',
      frame: { conversationId: 'd-bo', userId: 'id-bo', messageId: `m${seq}`, seq },
    });

    const after = run(state, read(1));
    const states = () => entry(after).messages?.map((m) => deliveryOf(entry(after).conversation, m, ME));
    expect(states()).toEqual(['read', 'sent']);

    // Read positions only move forward, even when an older frame arrives late.
    const later = run(after, read(2), read(1));
    expect(
      later.conversations['d-bo'].messages?.map((m) => deliveryOf(later.conversations['d-bo'].conversation, m, ME)),
    ).toEqual(['read', 'read']);
  });

  it('my own read.updated (another device) recounts unread messages', () => {
    const state = opened(
      direct('bo', { unreadCount: 3 }),
      [1, 2, 3].map((seq) => message('d-bo', seq, 'bo')),
    );
    const after = run(state, {
      type: 'readUpdated',
      frame: { conversationId: 'd-bo', userId: ME, messageId: 'm2', seq: 2 },
    });
    expect(entry(after).conversation.unreadCount).toBe(1);
  });

  it('conversation.updated keeps my own fields and adds a new conversation', () => {
    const state = opened(direct('bo', { unreadCount: 2, lastSeq: 1 }));
    const {
      myRole: _r,
      lastMessage: _l,
      unreadCount: _u,
      ...renamed
    } = group('Team', ['bo', 'cy'], { title: 'Renamed' });

    const after = run(state, { type: 'upserted', conversation: renamed, partial: true });

    expect(entry(after, 'g-team').conversation).toMatchObject({
      title: 'Renamed',
      myRole: 'ADMIN',
      unreadCount: 0,
      lastMessage: null,
    });
    expect(entry(after).conversation.unreadCount).toBe(2);
  });

  it('conversation.updated without me in it, and conversation.removed, drop the conversation', () => {
    const state = run(opened(), { type: 'listLoaded', items: [direct('bo'), group('Team', ['bo'])] });
    const { myRole: _r, lastMessage: _l, unreadCount: _u, ...withoutMe } = group('Team', ['bo']);
    withoutMe.members = withoutMe.members.filter((m) => m.user.id !== ME);

    const after = run(
      state,
      { type: 'upserted', conversation: withoutMe, partial: true },
      { type: 'removed', conversationId: 'd-bo' },
    );

    expect(Object.keys(after.conversations)).toEqual([]);
  });

  it('a catch-up page merges new messages and tombstones and moves the catch-up point', () => {
    const state = opened(direct('bo'), [message('d-bo', 1, 'bo'), message('d-bo', 2, 'bo')]);
    const after = run(state, {
      type: 'caughtUp',
      conversationId: 'd-bo',
      items: [message('d-bo', 3, 'bo'), message('d-bo', 1, 'bo', { deleted: true, text: '', version: 4 })],
    });
    expect(ids(after)).toEqual(['m1', 'm2', 'm3']);
    expect(entry(after).messages?.[0].deleted).toBe(true);
    expect(entry(after).syncedSeq).toBe(4);
  });

  it('a tombstone of a message older than the loaded window waits for the older page', () => {
    const state = run(
      initialChatState(ME),
      { type: 'listLoaded', items: [direct('bo')] },
      {
        type: 'historyLoaded',
        conversationId: 'd-bo',
        items: [message('d-bo', 60, 'bo')],
        hasMore: true,
        older: false,
      },
      { type: 'caughtUp', conversationId: 'd-bo', items: [message('d-bo', 3, 'bo', { deleted: true, version: 61 })] },
    );
    expect(ids(state)).toEqual(['m60']);
    expect(entry(state).syncedSeq).toBe(61);
  });
});

describe('chatReducer: deleted for me and cleared on another of my devices', () => {
  const bo = (seq: number, extra = {}) => message('d-bo', seq, 'bo', extra);
  /** Bo's m1..m<n> loaded; I have read up to `read`; the list counted the rest unread. */
  function loaded(n: number, read = 0): ChatState {
    const items = Array.from({ length: n }, (_, i) => bo(i + 1));
    const conversation = direct('bo', {
      lastSeq: n,
      lastMessage: items[n - 1],
      unreadCount: n - read,
      members: [member('ada', { lastReadSeq: read }), member('bo')],
    });
    return opened(conversation, items);
  }
  const myReadSeq = (state: ChatState) => entry(state).conversation.members.find((m) => m.user.id === ME)?.lastReadSeq;

  it('a caught-up hide removes the message for good, fixes preview and unread count, and moves the catch-up point', () => {
    const state = loaded(3, 1);
    expect(entry(state).conversation.unreadCount).toBe(2);

    const after = run(
      state,
      { type: 'caughtUp', conversationId: 'd-bo', items: [bo(3, { hidden: true, version: 7, text: '' })] },
      { type: 'messageNew', message: bo(3) },
    );

    expect(ids(after)).toEqual(['m1', 'm2']);
    expect(entry(after).hidden).toEqual(['m3']);
    expect(entry(after).conversation.lastMessage?.id).toBe('m2');
    expect(entry(after).conversation.unreadCount).toBe(1);
    expect(entry(after).syncedSeq).toBe(7);
    expect(entry(after).conversation.lastSeq).toBe(7);
  });

  it('a caught-up hide of a message never loaded here is neither shown nor counted, in change order with the rest', () => {
    const state = loaded(2, 2);

    const after = run(
      state,
      {
        type: 'caughtUp',
        conversationId: 'd-bo',
        items: [bo(4), bo(3, { hidden: true, version: 5, text: '' }), bo(6, { hidden: true, version: 7, text: '' })],
      },
      { type: 'messageNew', message: bo(3) },
      { type: 'messageNew', message: bo(6) },
    );

    expect(ids(after)).toEqual(['m1', 'm2', 'm4']);
    expect(entry(after).conversation.lastMessage?.id).toBe('m4');
    expect(entry(after).conversation.unreadCount).toBe(0);
    expect(entry(after).syncedSeq).toBe(7);
  });

  it('a live delete for me moves the catch-up point to its number, also when my own delete applied it first', () => {
    const state = loaded(2, 2);
    const deleted = (version?: number): ChatAction => ({
      type: 'messageDeleted',
      frame: { conversationId: 'd-bo', messageId: 'm1', scope: 'me', version },
    });
    const mine = deleted(); // my own delete, applied once the server acked it
    const frame = deleted(5);

    expect(entry(run(state, frame)).syncedSeq).toBe(5);
    const after = run(state, mine, frame);
    expect(ids(after)).toEqual(['m2']);
    expect(entry(after).syncedSeq).toBe(5);
  });

  it('a live delete for me of an unread message lowers the unread count', () => {
    const after = run(loaded(3, 1), {
      type: 'messageDeleted',
      frame: { conversationId: 'd-bo', messageId: 'm2', scope: 'me', version: 4 },
    });
    expect(ids(after)).toEqual(['m1', 'm3']);
    expect(entry(after).conversation.unreadCount).toBe(1);
  });

  it("a catch-up page's clearedSeq removes messages up to it, keeps later ones, and an older page undoes nothing", () => {
    const state = loaded(4);

    const after = run(state, { type: 'caughtUp', conversationId: 'd-bo', items: [bo(5)], clearedSeq: 2 });

    expect(ids(after)).toEqual(['m3', 'm4', 'm5']);
    expect(entry(after).clearedSeq).toBe(2);
    expect(entry(after).conversation.lastMessage?.id).toBe('m5');
    expect(entry(after).conversation.unreadCount).toBe(2); // m3 and m4; clearing counts as read (m5 came by catch-up)
    expect(myReadSeq(after)).toBe(2);
    expect(entry(after).syncedSeq).toBe(5);

    const stale = run(
      after,
      { type: 'caughtUp', conversationId: 'd-bo', items: [bo(1), bo(2)], clearedSeq: 1 },
      {
        type: 'historyLoaded',
        conversationId: 'd-bo',
        items: [bo(2), bo(1)],
        hasMore: false,
        older: true,
        clearedSeq: 1,
      },
    );
    expect(ids(stale)).toEqual(['m3', 'm4', 'm5']);
    expect(entry(stale).clearedSeq).toBe(2);
  });

  it("a history page's clearedSeq clears what is loaded up to it", () => {
    const state = loaded(3);
    const after = run(state, {
      type: 'historyLoaded',
      conversationId: 'd-bo',
      items: [],
      hasMore: false,
      older: true,
      clearedSeq: 3,
    });
    expect(ids(after)).toEqual([]);
    expect(entry(after).conversation.lastMessage).toBeNull();
    expect(entry(after).conversation.unreadCount).toBe(0);
  });

  it('a conversation.cleared frame clears up to its seq; my own clear up to the last seq', () => {
    const state = loaded(3);
    const frame = run(state, { type: 'cleared', conversationId: 'd-bo', seq: 2 });
    expect(ids(frame)).toEqual(['m3']);
    expect(entry(frame).conversation.lastMessage?.id).toBe('m3');
    expect(entry(frame).conversation.unreadCount).toBe(1);

    const mine = run(state, { type: 'cleared', conversationId: 'd-bo' });
    expect(ids(mine)).toEqual([]);
    expect(entry(mine).clearedSeq).toBe(3);
    expect(entry(mine).conversation.unreadCount).toBe(0);
  });

  it('the list drops a preview it already covers (hidden elsewhere) but keeps one newer than it', () => {
    const listed = (lastSeq: number) => direct('bo', { lastSeq, lastMessage: bo(2), unreadCount: 0 });
    const state = run(
      initialChatState(ME),
      { type: 'listLoaded', items: [listed(2)] },
      { type: 'messageNew', message: bo(3) },
    );
    expect(entry(state).conversation.lastMessage?.id).toBe('m3');

    expect(entry(run(state, { type: 'listLoaded', items: [listed(2)] })).conversation.lastMessage?.id).toBe('m3');
    expect(entry(run(state, { type: 'listLoaded', items: [listed(4)] })).conversation.lastMessage?.id).toBe('m2');
  });
});

describe('chatReducer: typing', () => {
  it('shows who is typing until active:false, their message, or the time-to-live runs out', () => {
    const conversation = group('Team', ['bo', 'cy']);
    const typing = (user: string, active: boolean, now: number): ChatAction => ({
      type: 'typingChanged',
      conversationId: conversation.id,
      userId: `id-${user}`,
      active,
      now,
    });
    let state = run(
      initialChatState(ME),
      { type: 'listLoaded', items: [conversation] },
      typing('bo', true, 0),
      typing('cy', true, 1000),
    );
    expect(typingText(state, conversation.id)).toBe('Bo and Cy are typing…');

    state = run(state, { type: 'typingExpired', now: TYPING_TTL_MS });
    expect(typingText(state, conversation.id)).toBe('Cy is typing…');

    state = run(state, typing('bo', true, 7000), { type: 'messageNew', message: message(conversation.id, 1, 'cy') });
    expect(typingText(state, conversation.id)).toBe('Bo is typing…');

    state = run(state, typing('bo', false, 7500));
    expect(typingText(state, conversation.id)).toBeNull();
  });

  it('ignores my own typing frames', () => {
    const state = run(
      initialChatState(ME),
      { type: 'listLoaded', items: [direct('bo')] },
      {
        type: 'typingChanged',
        conversationId: 'd-bo',
        userId: ME,
        active: true,
        now: 0,
      },
    );
    expect(typingText(state, 'd-bo')).toBeNull();
  });
});

describe('chatReducer: my sends', () => {
  const pending = { clientMessageId: 'k1', conversationId: 'd-bo', text: 'hi', createdAt: '2026-01-05T10:00:00Z' };

  it('an ack turns a pending send into a sent message; the message.new echo adds nothing', () => {
    const state = run(opened(), { type: 'queued', pending: { ...pending, status: 'queued' } });
    const after = run(
      state,
      {
        type: 'sendAcked',
        ack: { clientMessageId: 'k1', messageId: 'm2', conversationId: 'd-bo', seq: 2, createdAt: pending.createdAt },
      },
      { type: 'messageNew', message: message('d-bo', 2, 'ada', { clientMessageId: 'k1', text: 'hi' }) },
    );
    expect(after.outbox).toEqual([]);
    expect(ids(after)).toEqual(['m1', 'm2']);
    expect(entry(after).conversation.unreadCount).toBe(0);
  });

  it('a message.new echo that beats the ack settles the pending send', () => {
    const state = run(opened(), { type: 'queued', pending: { ...pending, status: 'sending' } });
    const after = run(state, { type: 'messageNew', message: message('d-bo', 2, 'ada', { clientMessageId: 'k1' }) });
    expect(after.outbox).toEqual([]);
    expect(ids(after)).toEqual(['m1', 'm2']);
  });

  it('another member reading my message makes it read even when the member list came later', () => {
    const state = run(opened(), {
      type: 'listLoaded',
      items: [direct('bo', { members: [member('ada'), member('bo', { lastReadSeq: 5 })] })],
    });
    expect(deliveryOf(entry(state).conversation, message('d-bo', 5, 'ada'), ME)).toBe('read');
    expect(deliveryOf(entry(state).conversation, message('d-bo', 6, 'ada'), ME)).toBe('sent');
  });
});

describe('chatReducer: edits, reactions and quotes', () => {
  const bo = (seq: number, extra = {}) => message('d-bo', seq, 'bo', extra);
  const updated = (m: ReturnType<typeof bo>): ChatAction => ({ type: 'messageUpdated', message: m });
  const reacted = (version: number, reactions: { emoji: string; userIds: string[] }[], syncs = true): ChatAction => ({
    type: 'reactionsUpdated',
    update: {
      conversationId: 'd-bo',
      messageId: 'm1',
      version,
      reactions: reactions.map((r) => ({ ...r, count: r.userIds.length })),
    },
    syncs,
  });
  const m1 = (state: ChatState) => entry(state).messages?.find((m) => m.id === 'm1');

  it('message.updated replaces the message when newer, and an older one does not undo it', () => {
    const state = opened(direct('bo', { lastSeq: 2 }), [bo(1), bo(2)]);

    const after = run(
      state,
      updated(bo(1, { text: 'second edit', version: 5, editedAt: '2026-01-05T11:00:00Z' })),
      updated(bo(1, { text: 'first edit', version: 4, editedAt: '2026-01-05T10:50:00Z' })),
    );

    expect(m1(after)).toMatchObject({ text: 'second edit', version: 5, editedAt: '2026-01-05T11:00:00Z' });
    expect(ids(after)).toEqual(['m1', 'm2']);
    expect(entry(after).syncedSeq).toBe(5);
    expect(entry(after).conversation.lastSeq).toBe(5);
    // Not the last message: the preview and the list's order stay.
    expect(entry(after).conversation.lastMessage?.id).toBe('m2');
    expect(entry(after).conversation.lastActivityAt).toBe(entry(state).conversation.lastActivityAt);
  });

  it('message.updated of the last message changes the preview, loaded or not, and never adds a message', () => {
    const listed = run(initialChatState(ME), {
      type: 'listLoaded',
      items: [direct('bo', { lastSeq: 1, lastMessage: bo(1) })],
    });
    const edit = bo(1, { text: 'fixed', version: 3, editedAt: '2026-01-05T11:00:00Z' });

    expect(entry(run(listed, updated(edit))).conversation.lastMessage?.text).toBe('fixed');
    expect(entry(run(opened(direct('bo'), [bo(1)]), updated(edit))).conversation.lastMessage?.text).toBe('fixed');
    // A message not loaded here comes with its page; the frame still counts for the catch-up point.
    const other = run(opened(direct('bo'), [bo(1)]), updated(bo(7, { version: 9 })));
    expect(ids(other)).toEqual(['m1']);
    expect(entry(other).syncedSeq).toBe(9);
  });

  it('reaction.updated sets the reactions when newer; an older frame does not undo a newer one', () => {
    const state = opened(direct('bo'), [bo(1), bo(2)]);

    const after = run(
      state,
      reacted(4, [{ emoji: '👍', userIds: ['id-bo', ME] }]),
      reacted(3, [{ emoji: '👍', userIds: ['id-bo'] }]),
    );

    expect(m1(after)?.reactions).toEqual([{ emoji: '👍', count: 2, userIds: ['id-bo', ME] }]);
    expect(m1(after)?.version).toBe(4);
    expect(entry(after).syncedSeq).toBe(4);

    // An edit numbered before the reaction is stale too; one after it keeps the reactions it carries.
    expect(m1(run(after, updated(bo(1, { text: 'late', version: 3 }))))?.text).toBe('message 1');
    const edited = run(after, updated(bo(1, { text: 'new', version: 6, reactions: m1(after)?.reactions })));
    expect(m1(edited)).toMatchObject({ text: 'new', version: 6, reactions: [{ emoji: '👍', count: 2 }] });
  });

  it('my reaction’s ack applies at once but is no catch-up point; its frame then moves the point', () => {
    const state = opened(direct('bo'), [bo(1), bo(2)]);

    const acked = run(state, reacted(5, [{ emoji: '🎉', userIds: [ME] }], false));
    expect(m1(acked)?.reactions).toEqual([{ emoji: '🎉', count: 1, userIds: [ME] }]);
    expect(entry(acked).syncedSeq).toBe(2);

    const framed = run(acked, reacted(5, [{ emoji: '🎉', userIds: [ME] }]));
    expect(entry(framed).syncedSeq).toBe(5);
  });

  it('my acked edit applies its text and number at once, unless a later change is already here', () => {
    const state = opened(direct('bo'), [message('d-bo', 1, 'ada'), bo(2)]);
    const edit = (version: number, text: string): ChatAction => ({
      type: 'messageEdited',
      edit: { conversationId: 'd-bo', messageId: 'm1', text, version, editedAt: '2026-01-05T11:00:00Z' },
    });

    const after = run(state, edit(3, 'fixed'));
    expect(m1(after)).toMatchObject({ text: 'fixed', version: 3, editedAt: '2026-01-05T11:00:00Z' });
    expect(entry(after).syncedSeq).toBe(2);
    expect(m1(run(after, edit(3, 'again'), updated(message('d-bo', 1, 'ada', { text: 'x', version: 3 }))))?.text).toBe(
      'fixed',
    );
  });

  it('refreshes the quotes of an edited message, cut to 200 characters, and of one deleted for everyone', () => {
    const original = bo(1, { text: 'typo' });
    const reply = message('d-bo', 2, 'ada', { replyTo: quote(original) });
    const state = opened(direct('bo'), [original, reply, bo(3)]);
    const long = 'x'.repeat(190) + '😀'.repeat(20);
    const quoteOf2 = (s: ChatState) => entry(s).messages?.find((m) => m.id === 'm2')?.replyTo;

    const edited = run(state, updated(bo(1, { text: long, version: 4 })));
    expect(quoteOf2(edited)?.text).toBe('x'.repeat(190) + '😀'.repeat(10));
    expect(entry(edited).messages?.find((m) => m.id === 'm2')?.version).toBe(2);

    // A late repeat of the message as it first was brings no old quote back.
    expect(quoteOf2(run(edited, { type: 'messageNew', message: original }))?.text).toBe(quoteOf2(edited)?.text);

    const deleted = run(edited, {
      type: 'messageDeleted',
      frame: { conversationId: 'd-bo', messageId: 'm1', scope: 'everyone', version: 5 },
    });
    expect(quoteOf2(deleted)).toMatchObject({ id: 'm1', deleted: true, text: '', attachmentCount: 0 });
    expect(m1(deleted)).toMatchObject({ deleted: true, reactions: [], editedAt: null });
  });

  it('refreshes quotes of a message above the loaded window, and keeps a quote of someone I blocked without text', () => {
    const blocked = message('d-bo', 61, 'ada', { replyTo: quote(bo(2), { text: '', senderBlocked: true }) });
    const state = run(
      initialChatState(ME),
      { type: 'listLoaded', items: [direct('bo')] },
      {
        type: 'historyLoaded',
        conversationId: 'd-bo',
        items: [message('d-bo', 60, 'ada', { replyTo: quote(bo(1)) }), blocked],
        hasMore: true,
        older: false,
      },
      updated(bo(1, { text: 'edited above', version: 62 })),
      updated(bo(2, { text: 'not for me', version: 63 })),
    );

    expect(entry(state).messages?.map((m) => m.replyTo?.text)).toEqual(['edited above', '']);
    expect(ids(state)).toEqual(['m60', 'm61']);
  });

  it('a catch-up item of an edited or reacted message replaces it by id and moves the catch-up point', () => {
    const state = opened(direct('bo'), [bo(1), bo(2)]);
    const after = run(state, {
      type: 'caughtUp',
      conversationId: 'd-bo',
      items: [
        bo(1, {
          text: 'edited offline',
          version: 7,
          editedAt: '2026-01-05T11:00:00Z',
          reactions: [{ emoji: '🔥', count: 1, userIds: ['id-bo'] }],
        }),
      ],
    });

    expect(m1(after)).toMatchObject({ text: 'edited offline', version: 7, reactions: [{ emoji: '🔥' }] });
    expect(ids(after)).toEqual(['m1', 'm2']);
    expect(entry(after).syncedSeq).toBe(7);
  });
});
