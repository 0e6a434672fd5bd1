import { ApiError } from '../../api/errors';
import { MAX_ATTACHMENTS, type Attachment } from '../../media/types';
import { ErrorCode, FrameType } from '../../socket/protocol';
import type { ParleySocket } from '../../socket/socket';
import { createState, type Store } from '../../state/store';
import { PAGE_SIZE, SYNC_PAGE_SIZE, type ChatApi } from './chatApi';
import { chatReducer, initialChatState, type ChatAction, type ChatState } from './chatState';
import { DRAFT_SAVE_MS, loadDrafts, saveDrafts } from './draftStorage';
import * as frames from './frameData';
import { subscribeFrames } from './liveFrames';
import { quoteOf, rev } from './messageList';
import { browserStorage, loadOutbox, newClientMessageId, saveOutbox } from './outboxStorage';
import { newestFromOthers } from './selectors';
import { createSendQueue } from './sendQueue';
import type { Conversation, DeleteScope, Message, UserSummary } from './types';

export const MAX_MESSAGE_LENGTH = 4_000;
/** Answers that mean this tab's list is out of date. */
const STALE: ReadonlySet<string> = new Set([ErrorCode.CONVERSATION_NOT_FOUND, ErrorCode.NOT_A_MEMBER]);

export interface ChatStoreOptions {
  api: ChatApi;
  socket: ParleySocket;
  me: string;
  storage?: Storage | null;
  now?: () => number;
  newId?: () => string;
}

/** The signed-in user's conversations, kept live; one per user, shared by every chat screen. */
export interface ChatStore extends Store<ChatState> {
  /** Loads the list and listens to the socket; returns stop(). */
  start(): () => void;
  reload(): Promise<void>;
  /** Loads the newest page of a chat the first time it is shown; after a failure only when `retry`. */
  open(conversationId: string, retry?: boolean): void;
  loadOlder(conversationId: string): Promise<void>;
  /** Fetches one conversation the list does not have (yet); false when it is not there for me. */
  fetchConversation(conversationId: string): Promise<boolean>;
  /** Text, files uploaded already (at most MAX_ATTACHMENTS), or both; `replyTo`: the message it answers. */
  send(conversationId: string, text: string, attachments?: Attachment[], replyTo?: Message | null): void;
  retry(clientMessageId: string): void;
  discard(clientMessageId: string): void;
  deleteMessage(conversationId: string, messageId: string, scope: DeleteScope): Promise<void>;
  /**
   * Changes the text of my message (`message.edit`), applied once acked; rejects with the server's refusal
   * (NOT_SENDER, EDIT_WINDOW_CLOSED, MESSAGE_DELETED, NOT_EDITABLE, VALIDATION_FAILED) or a lost connection.
   */
  editMessage(conversationId: string, messageId: string, text: string): Promise<void>;
  /** Adds (`add`) or takes back my reaction; the ack's reactions are applied at once (they are the server's). */
  react(conversationId: string, messageId: string, emoji: string, add: boolean): Promise<void>;
  clear(conversationId: string): Promise<void>;
  /** Mutes the chat's notifications (for me, on all my devices) until then (ISO time); null unmutes. */
  mute(conversationId: string, until: string | null): Promise<void>;
  /** The chat is in front of the user: resets its badge and moves my read position to the newest message. */
  markRead(conversationId: string): void;
  typing(conversationId: string, active: boolean): void;
  openDirect(userId: string): Promise<Conversation>;
  createGroup(title: string, memberIds: string[]): Promise<Conversation>;
  rename(conversationId: string, title: string): Promise<void>;
  /** Whether people added to the group later see what was said before they joined. */
  setNewMembersSeeHistory(conversationId: string, value: boolean): Promise<void>;
  addMembers(conversationId: string, userIds: string[]): Promise<void>;
  removeMember(conversationId: string, userId: string): Promise<void>;
  leave(conversationId: string): Promise<void>;
  /** A person's details changed here (my own photo): the chats show them at once. */
  userChanged(user: Pick<UserSummary, 'id'> & Partial<UserSummary>): void;
  /** What is typed in a chat's composer and not sent (blank: none); kept in storage, written once typing pauses. */
  setDraft(conversationId: string, text: string): void;
}

/** Trimmed, without control characters other than newline and tab (the server refuses them). */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '').trim();
}

export function createChatStore(options: ChatStoreOptions): ChatStore {
  const { api, socket, me } = options;
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? newClientMessageId;
  const holder = createState(initialChatState(me, loadOutbox(storage, me), loadDrafts(storage, me)));
  let state = holder.getState(); // always the holder's, kept in a local for brevity (only dispatch sets it)
  let running = false;
  let stopListening: (() => void)[] = [];
  let listLoad: AbortController | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let draftTimer: ReturnType<typeof setTimeout> | undefined;
  const historyLoads = new Set<string>();
  const fetching = new Map<string, Promise<boolean>>();
  const reading = new Map<string, number>(); // conversation -> seq of the read frame in flight
  const newSinceListRequest = new Set<string>();
  const queue = createSendQueue({
    socket,
    getState: () => state,
    dispatch: (action) => dispatch(action),
    isRunning: () => running,
    onRefused: (code) => {
      if (STALE.has(code)) void reload();
    },
  });
  const flush = () => queue.flush();

  function dispatch(action: ChatAction) {
    if (action.type === 'upserted') newSinceListRequest.add(action.conversation.id);
    if (action.type === 'removed') newSinceListRequest.delete(action.conversationId);
    const next = chatReducer(state, action);
    if (next === state) return;
    const outboxChanged = next.outbox !== state.outbox;
    const draftsChanged = next.drafts !== state.drafts;
    state = next;
    // Once stopped (signed out), late answers must not write back an outbox the sign-out cleared.
    if (outboxChanged && running) saveOutbox(storage, me, state.outbox);
    if (draftsChanged && running) {
      clearTimeout(draftTimer);
      draftTimer = setTimeout(saveDraftsNow, DRAFT_SAVE_MS);
    }
    holder.set(state);
  }

  /** Writes the drafts waiting for typing to pause (now: the page is going away, or the store stops). */
  function saveDraftsNow() {
    if (draftTimer === undefined) return;
    clearTimeout(draftTimer);
    draftTimer = undefined;
    saveDrafts(storage, me, state.drafts);
  }

  function reload(): Promise<void> {
    listLoad?.abort();
    const controller = new AbortController();
    listLoad = controller;
    newSinceListRequest.clear();
    dispatch({ type: 'listLoading' });
    return api.conversations({ signal: controller.signal }).then(
      (items) =>
        void (controller.signal.aborted || dispatch({ type: 'listLoaded', items, keep: [...newSinceListRequest] })),
      () => void (controller.signal.aborted || dispatch({ type: 'listFailed' })),
    );
  }

  /** Frames sent while the socket was down are lost: fetch the list, then what changed in each open chat. */
  async function resync() {
    await reload();
    const loaded = Object.values(state.conversations).filter((e) => e.loaded && !historyLoads.has(e.conversation.id));
    await Promise.all(loaded.map((entry) => catchUp(entry.conversation.id)));
  }

  async function catchUp(conversationId: string) {
    let afterSeq = state.conversations[conversationId]?.syncedSeq ?? 0;
    try {
      for (;;) {
        const page = await api.messages(conversationId, { afterSeq, limit: SYNC_PAGE_SIZE });
        const items = frames.toMessages(page.items);
        dispatch({ type: 'caughtUp', conversationId, items, clearedSeq: page.clearedSeq });
        if (!page.hasMore || items.length === 0) return;
        afterSeq = Math.max(afterSeq, ...items.map(rev));
      }
    } catch {
      // Nothing is lost: the next reconnect asks again from the same point.
    }
  }

  function fetchConversation(conversationId: string): Promise<boolean> {
    if (state.conversations[conversationId]) return Promise.resolve(true);
    const inFlight = fetching.get(conversationId);
    if (inFlight) return inFlight;
    const request = api
      .conversation(conversationId)
      .then((conversation) => {
        dispatch({ type: 'upserted', conversation });
        return true;
      })
      .catch(() => false)
      .finally(() => fetching.delete(conversationId));
    fetching.set(conversationId, request);
    return request;
  }

  async function loadHistory(conversationId: string, before?: string) {
    if (historyLoads.has(conversationId)) return;
    historyLoads.add(conversationId);
    if (!before) dispatch({ type: 'historyLoading', conversationId });
    try {
      const page = await api.messages(conversationId, { before, limit: PAGE_SIZE });
      const items = frames.toMessages(page.items);
      dispatch({
        type: 'historyLoaded',
        conversationId,
        items,
        hasMore: page.hasMore,
        older: Boolean(before),
        clearedSeq: page.clearedSeq,
      });
    } catch (error) {
      // An older page that failed can simply be asked for again by scrolling up.
      if (!before) dispatch({ type: 'historyFailed', conversationId });
      if (error instanceof ApiError && STALE.has(error.code)) void reload();
    } finally {
      historyLoads.delete(conversationId);
    }
  }

  function scheduleTypingExpiry() {
    clearTimeout(typingTimer);
    const until = Object.values(state.typing).flatMap((people) => Object.values(people));
    if (until.length === 0) return;
    typingTimer = setTimeout(
      () => {
        dispatch({ type: 'typingExpired', now: now() });
        scheduleTypingExpiry();
      },
      Math.max(0, Math.min(...until) - now()),
    );
  }

  function listen(): (() => void)[] {
    return [
      subscribeFrames(socket, {
        getState: () => state,
        dispatch,
        now,
        onTyping: scheduleTypingExpiry,
        onUnknownConversation: (id) => void fetchConversation(id),
        onPreviewHidden: (id) =>
          void api.conversation(id).then(
            (c) => dispatch({ type: 'upserted', conversation: c }),
            () => undefined,
          ),
      }),
      watchConnection(),
    ];
  }

  /**
   * Catches up on every (re)open. The first open counts too: the list was fetched at start, usually while
   * the socket was still connecting, and frames sent in between would otherwise be missed.
   */
  function watchConnection(): () => void {
    let last = socket.getStatus();
    return socket.subscribeStatus(() => {
      const status = socket.getStatus();
      if (status === 'open' && last !== 'open') {
        void resync();
        flush();
      }
      last = status;
    });
  }

  async function act<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ApiError && STALE.has(error.code)) void reload();
      throw error;
    }
  }

  const upsert = (conversation: Conversation) => {
    dispatch({ type: 'upserted', conversation });
    return conversation;
  };

  return {
    getState: holder.getState,
    subscribe: holder.subscribe,
    start() {
      running = true;
      stopListening = listen();
      // A reload right after typing: the draft written before the page goes.
      window.addEventListener('pagehide', saveDraftsNow);
      void reload();
      flush();
      return () => {
        window.removeEventListener('pagehide', saveDraftsNow);
        // Before it stops writing: a sign-out the user chose removes them right after (ChatProvider).
        saveDraftsNow();
        running = false;
        stopListening.forEach((off) => off());
        stopListening = [];
        listLoad?.abort();
        clearTimeout(typingTimer);
        queue.stop();
      };
    },
    reload,
    open(conversationId, retry = false) {
      const entry = state.conversations[conversationId];
      if (entry && !entry.loaded && (retry || !entry.historyError)) void loadHistory(conversationId);
    },
    async loadOlder(conversationId) {
      const entry = state.conversations[conversationId];
      const oldest = entry?.messages?.[0];
      if (entry?.loaded && entry.hasOlder && oldest) await loadHistory(conversationId, oldest.id);
    },
    fetchConversation,
    send(conversationId, text, attachments = [], replyTo = null) {
      const clean = cleanText(text);
      if ((!clean && attachments.length === 0) || clean.length > MAX_MESSAGE_LENGTH) return;
      if (attachments.length > MAX_ATTACHMENTS) return;
      const createdAt = new Date(now()).toISOString();
      const files = attachments.length > 0 ? { attachments } : {};
      // The quote shows at once, as the message answered reads now; the server's own comes with the ack's message.
      const reply = replyTo ? { replyTo: quoteOf(replyTo) } : {};
      dispatch({
        type: 'queued',
        pending: {
          clientMessageId: newId(),
          conversationId,
          text: clean,
          ...files,
          ...reply,
          createdAt,
          status: 'queued',
        },
      });
      flush();
    },
    retry(clientMessageId) {
      const pending = state.outbox.find((p) => p.clientMessageId === clientMessageId);
      if (pending?.status !== 'failed') return;
      // The server ties a clientMessageId to one conversation for good; only a new one can go through then.
      const fresh = pending.errorCode === ErrorCode.CLIENT_MESSAGE_ID_REUSED ? newId() : undefined;
      dispatch({ type: 'retried', clientMessageId, newClientMessageId: fresh });
      flush();
    },
    discard: (clientMessageId) => dispatch({ type: 'discarded', clientMessageId }),
    async deleteMessage(conversationId, messageId, scope) {
      await socket.send(FrameType.MESSAGE_DELETE, { conversationId, messageId, scope });
      dispatch({ type: 'messageDeleted', frame: { conversationId, messageId, scope } });
    },
    editMessage: (conversationId, messageId, text) =>
      act(async () => {
        const clean = cleanText(text);
        const ack = frames.toMessageEdited(
          await socket.send(FrameType.MESSAGE_EDIT, { conversationId, messageId, text: clean }),
        );
        // An odd ack changes nothing here: the message.updated frame brings the edit all the same.
        if (ack) dispatch({ type: 'messageEdited', edit: { ...ack, conversationId, messageId, text: clean } });
      }),
    react: (conversationId, messageId, emoji, add) =>
      act(async () => {
        const data = { conversationId, messageId, emoji };
        const ack = add
          ? await socket.send(FrameType.REACTION_ADD, data)
          : await socket.send(FrameType.REACTION_REMOVE, data);
        const update = frames.toReactionUpdated(ack);
        if (update)
          dispatch({ type: 'reactionsUpdated', update: { ...update, conversationId, messageId }, syncs: false });
      }),
    clear: (conversationId) =>
      act(async () => {
        await api.clear(conversationId);
        dispatch({ type: 'cleared', conversationId });
      }),
    mute: (conversationId, until) => act(async () => void upsert(await api.mute(conversationId, until))),
    markRead(conversationId) {
      const entry = state.conversations[conversationId];
      if (!entry) return;
      dispatch({ type: 'unreadReset', conversationId });
      const newest = entry.loaded ? newestFromOthers(entry, me) : null;
      const mine = entry.conversation.members.find((m) => m.user.id === me)?.lastReadSeq ?? 0;
      if (!newest || newest.seq <= mine || newest.seq <= (reading.get(conversationId) ?? 0)) return;
      const seq = newest.seq;
      reading.set(conversationId, seq);
      socket
        .send(FrameType.READ, { conversationId, messageId: newest.id })
        .then(
          (ack) => dispatch({ type: 'readLocally', conversationId, seq: typeof ack?.seq === 'number' ? ack.seq : seq }),
          () => undefined, // the position stays where the server has it; the next markRead tries again
        )
        .finally(() => {
          if (reading.get(conversationId) === seq) reading.delete(conversationId);
        });
    },
    typing(conversationId, active) {
      if (socket.getStatus() !== 'open') return; // a typing frame is worthless once late
      socket.send(FrameType.TYPING, { conversationId, active }).catch(() => undefined);
    },
    openDirect: (userId) => act(async () => upsert(await api.direct(userId))),
    createGroup: (title, memberIds) => act(async () => upsert(await api.createGroup(title, memberIds))),
    rename: (conversationId, title) => act(async () => void upsert(await api.changeGroup(conversationId, { title }))),
    setNewMembersSeeHistory: (conversationId, value) =>
      act(async () => void upsert(await api.changeGroup(conversationId, { newMembersSeeHistory: value }))),
    addMembers: (conversationId, userIds) =>
      act(async () => void upsert(await api.addMembers(conversationId, userIds))),
    removeMember: (conversationId, userId) =>
      act(async () => {
        await api.removeMember(conversationId, userId);
        dispatch({ type: 'memberRemoved', conversationId, userId });
      }),
    leave: (conversationId) =>
      act(async () => {
        await api.removeMember(conversationId, me);
        dispatch({ type: 'removed', conversationId });
      }),
    userChanged: (user) => dispatch({ type: 'userChanged', user }),
    setDraft: (conversationId, text) => dispatch({ type: 'draftChanged', conversationId, text }),
  };
}
