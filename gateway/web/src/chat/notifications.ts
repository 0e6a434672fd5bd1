import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { chatPath } from '../app/routes';
import { useServices } from '../auth/services';
import { FrameType } from '../socket/protocol';
import type { ChatStore } from './store/chatStore';
import { mentionsMe } from './store/events';
import { toMessageNew } from './store/frameData';
import { isMuted, nameOf, titleOf } from './store/selectors';
import type { ChatState, Conversation, Message } from './store/types';

// System notifications (the Notification API) of new messages and incoming calls, shown while the tab is hidden
// and permission is granted. A muted chat stays quiet, except for a message that mentions me.

/** What the app uses of a shown notification. */
export interface NotificationHandle {
  onclick: ((event: Event) => void) | null;
  close(): void;
}

/** The Notification API as the app uses it: `window.Notification`, or a fake in tests. */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission> | void;
  new (title: string, options?: NotificationOptions): NotificationHandle;
}

/** Where notifications go and when they are wanted; each part defaults to the browser's. */
export interface NotifierOptions {
  /** The constructor; null where the browser has none. */
  notificationApi?: () => NotificationApi | null;
  /** Whether the user is looking at another tab or window. */
  isHidden?: () => boolean;
  now?: () => number;
  /** Brings the app's window to the front. */
  focus?: () => void;
}

/** The browser's Notification API, or null where there is none. */
export function browserNotifications(): NotificationApi | null {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification : null;
}

/** What to show for a message, or null when it should not notify (see `shouldNotify`). */
export interface Notice {
  title: string;
  body: string;
  tag: string;
}

/**
 * The notice for someone else's new message: titled with the sender (and the group), the text or "📎 Attachment"
 * as its body, tagged with the chat so a newer one replaces it. None for my own, a deleted one, one from someone I
 * blocked, a call's record, or in a chat I muted unless the message mentions me.
 */
export function messageNotice(state: ChatState, message: Message, now: number): Notice | null {
  if (message.senderId === state.me || message.deleted || message.senderBlocked || message.kind === 'call') {
    return null;
  }
  const conversation: Conversation | undefined = state.conversations[message.conversationId]?.conversation;
  if (conversation && isMuted(conversation, now) && !mentionsMe(message, state.me)) return null;
  const sender = conversation?.members.find((m) => m.user.id === message.senderId)?.user;
  const who = sender ? nameOf(sender) : 'New message';
  const title =
    conversation?.kind === 'GROUP' ? `${sender ? who : 'Someone'} in ${titleOf(conversation, state.me)}` : who;
  const body = message.text || (message.attachments.length > 0 ? '📎 Attachment' : '');
  return { title, body, tag: message.conversationId };
}

export interface Notifier {
  /** Shows the notice of a new message when wanted; clicking it calls `open` with the chat. */
  message(state: ChatState, message: Message, open: (conversationId: string) => void): NotificationHandle | null;
  /**
   * Shows an incoming call (a group's ring stays quiet when I muted the group); returns the notification, to close
   * when the ring ends.
   */
  call(call: {
    callerName: string;
    media: 'audio' | 'video';
    /** A group's ring: the group's name, and my mute of it. */
    groupName?: string | null;
    mutedUntil?: string | null;
  }): NotificationHandle | null;
}

export function createNotifier(options: NotifierOptions = {}): Notifier {
  const api = options.notificationApi ?? browserNotifications;
  const isHidden = options.isHidden ?? (() => document.visibilityState !== 'visible');
  const now = options.now ?? Date.now;
  const focus = options.focus ?? (() => window.focus());

  function show(notice: Notice, onClick: () => void): NotificationHandle | null {
    const Api = api();
    if (!Api || Api.permission !== 'granted' || !isHidden()) return null;
    try {
      const shown = new Api(notice.title, { body: notice.body, tag: notice.tag });
      shown.onclick = () => {
        focus();
        onClick();
        shown.close();
      };
      return shown;
    } catch {
      // Some mobile browsers allow notifications only from a service worker.
      return null;
    }
  }

  return {
    message(state, message, open) {
      const notice = messageNotice(state, message, now());
      return notice && show(notice, () => open(message.conversationId));
    },
    call({ callerName, media, groupName, mutedUntil }) {
      if (groupName && isMuted({ mutedUntil }, now())) return null;
      const title = `Incoming ${media} call from ${callerName}`;
      return show({ title, body: groupName ? `In ${groupName}` : '', tag: 'parley-call' }, () => undefined);
    },
  };
}

/** The app's notifier (the browser's Notification API). */
export const notifier = createNotifier();

/** Shows a notification of each new message from someone else while the tab is hidden; mounted once per store. */
export function useMessageNotifications(store: ChatStore | null, notify: Notifier = notifier) {
  const { socket } = useServices();
  const navigate = useNavigate();
  useEffect(() => {
    if (!store) return;
    return socket.on(FrameType.MESSAGE_NEW, (data) => {
      const frame = toMessageNew(data);
      if (frame) notify.message(store.getState(), frame.message, (id) => void navigate(chatPath(id)));
    });
  }, [store, socket, notify, navigate]);
}

const DISMISSED_KEY = 'parley.notifyPrompt.dismissed';

/** Whether the list offers to turn notifications on: the browser can, nobody asked yet, and not "Not now". */
export function shouldOfferNotifications(api: NotificationApi | null = browserNotifications()): boolean {
  if (!api || api.permission !== 'default') return false;
  try {
    return localStorage.getItem(DISMISSED_KEY) === null;
  } catch {
    return true;
  }
}

/** "Not now": the offer is not shown again in this browser. */
export function dismissNotificationOffer() {
  try {
    localStorage.setItem(DISMISSED_KEY, new Date().toISOString());
  } catch {
    // Without storage it comes back next time.
  }
}

/** Asks the browser for permission (from a click, as browsers require); answers what the user chose. */
export async function askForNotifications(
  api: NotificationApi | null = browserNotifications(),
): Promise<NotificationPermission> {
  if (!api) return 'denied';
  try {
    // Older browsers answer through a callback and return nothing.
    return (await api.requestPermission()) ?? api.permission;
  } catch {
    return api.permission;
  }
}
