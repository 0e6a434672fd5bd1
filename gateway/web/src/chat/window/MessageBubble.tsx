import type { Attachment } from '../../media/types';
import { Menu, type MenuItem } from '../../ui/Menu';
import { button, cx } from '../../ui/styles/classes';
import { MessageAttachments } from '../attachments/MessageAttachments';
import { dateTimeOf, timeOf } from '../format';
import { mentionParts } from '../mentions';
import { useChatState, useChatStore } from '../store/ChatProvider';
import type { ConversationEntry } from '../store/chatState';
import { mentionsMe } from '../store/events';
import {
  callText,
  canDeleteForEveryone,
  canEdit,
  canRespond,
  deliveryOf,
  nameOf,
  pendingState,
} from '../store/selectors';
import type { DeliveryState, Member, Message, PendingSend } from '../store/types';
import { MessageActions } from './MessageActions';
import { Reactions } from './Reactions';
import { ReplyQuote } from './ReplyQuote';
import styles from './MessageBubble.module.css';

const STATE_LABELS: Record<DeliveryState, { icon: string; label: string }> = {
  sending: { icon: 'Sending…', label: 'Sending' },
  sent: { icon: '✓', label: 'Sent' },
  read: { icon: '✓✓', label: 'Read' },
  failed: { icon: 'Not sent', label: 'Not sent' },
};

const DELIVERY_CLASSES: Record<DeliveryState, string | undefined> = {
  sending: undefined,
  sent: undefined,
  read: styles.read,
  failed: styles.deliveryFailed,
};

const MENU_CLASSES = { menu: styles.menu, button: styles.menuButton, list: styles.menuList };

function DeliveryMark({ state }: { state: DeliveryState }) {
  const { icon, label } = STATE_LABELS[state];
  return (
    <span className={DELIVERY_CLASSES[state]} data-testid="message-status" role="img" aria-label={label} title={label}>
      {icon}
    </span>
  );
}

/**
 * The files, then the text as text: React escapes it, and `white-space: pre-wrap` keeps its line breaks. A message
 * of files only has no text paragraph.
 */
function Body({
  text,
  deleted,
  blocked,
  attachments,
  call,
  mentions,
  members,
  me,
}: {
  text: string;
  deleted: boolean;
  blocked: boolean;
  attachments: Attachment[];
  call?: string;
  mentions?: string[];
  members: Member[];
  me: string;
}) {
  if (blocked && !deleted) {
    return (
      <p className={cx(styles.text, styles.tombstone)} data-testid="message-text">
        Hidden message from a blocked person
      </p>
    );
  }
  if (call !== undefined && !deleted) {
    return (
      <p className={cx(styles.text, styles.callRecord)} data-testid="call-record">
        {call}
      </p>
    );
  }
  if (deleted) {
    return (
      <p className={cx(styles.text, styles.tombstone)} data-testid="message-text">
        Message deleted
      </p>
    );
  }
  return (
    <>
      <MessageAttachments attachments={attachments} />
      {text && (
        <p className={styles.text} data-testid="message-text">
          {mentionParts(text, mentions, members).map((part, i) =>
            part.userId ? (
              <span
                key={i}
                className={cx(styles.mention, part.userId === me && styles.mentionOfMe)}
                data-testid="mention"
                data-user-id={part.userId}
              >
                {part.text}
              </span>
            ) : (
              part.text
            ),
          )}
        </p>
      )}
    </>
  );
}

type Run = (action: () => Promise<unknown>) => Promise<boolean>;

/** What a bubble's actions reach beyond it (MessageList hands them down). */
export interface BubbleActions {
  /** Runs a message action, its failure shown above the list. */
  run: Run;
  /** The time now, for the edit window (renewed now and then). */
  now: number;
  /** Puts the composer in reply or edit mode for the message. */
  reply(message: Message): void;
  edit(message: Message): void;
  /** Scrolls to a message (a quote's original), loading older pages as needed. */
  jumpTo(messageId: string): void;
}

/**
 * One message: mine on the right with its delivery state, others' on the left (named in groups). A message of
 * mine not yet acknowledged comes as `pending`; the same element then turns into the sent message. A reply shows
 * its quote above the text, reactions go under the bubble, and Reply, React and Edit beside it (not while pending,
 * nor on a message deleted or hidden from me).
 */
export function MessageBubble(
  props: { entry: ConversationEntry; actions: BubbleActions; highlighted?: boolean } & (
    { message: Message } | { pending: PendingSend }
  ),
) {
  const store = useChatStore();
  const me = useChatState((s) => s.me);
  const { entry, actions } = props;
  const { conversation } = entry;
  const message = 'message' in props ? props.message : null;
  const pending = 'pending' in props ? props.pending : null;
  const own = pending !== null || message?.senderId === me;
  const state = pending ? pendingState(pending) : own && message ? deliveryOf(conversation, message, me) : undefined;
  const deleted = message?.deleted ?? false;
  // From someone I blocked (in a group): the server left the content out, and the sender goes unnamed.
  const blocked = message?.senderBlocked === true;
  const sender = message && conversation.members.find((m) => m.user.id === message.senderId)?.user;
  const createdAt = message?.createdAt ?? pending?.createdAt ?? '';
  const quote = deleted || blocked ? null : (message?.replyTo ?? pending?.replyTo ?? null);
  const editedAt = !deleted && !blocked ? message?.editedAt : null;
  const reactions = message && !deleted && !blocked ? (message.reactions ?? []) : [];
  const respond = message !== null && canRespond(message);
  const react = (emoji: string, add: boolean) => {
    if (message) void actions.run(() => store.react(conversation.id, message.id, emoji, add));
  };
  // Someone else's message naming me: a subtle highlight (mine naming myself is no news).
  const forMe = message !== null && !own && !deleted && !blocked && mentionsMe(message, me);
  const bubbleClass = cx(styles.bubble, blocked && styles.hidden, state === 'failed' && styles.failed);
  return (
    <li
      className={cx(
        styles.message,
        own ? styles.own : styles.other,
        props.highlighted && styles.highlighted,
        forMe && styles.mentionsMe,
      )}
      data-testid="message"
      data-message-id={message?.id ?? ''}
      data-client-id={(message ? message.clientMessageId : pending?.clientMessageId) ?? ''}
      data-own={String(own)}
      data-state={state}
      data-deleted={String(deleted)}
      data-sender-blocked={blocked ? 'true' : undefined}
      data-highlighted={props.highlighted ? 'true' : undefined}
      data-mentions-me={forMe ? 'true' : undefined}
    >
      <div className={styles.column}>
        <div className={bubbleClass} data-testid="message-bubble">
          {!own && !blocked && conversation.kind === 'GROUP' && (
            <span className={styles.sender} data-testid="message-sender">
              {sender ? nameOf(sender) : 'Former member'}
            </span>
          )}
          {quote && <ReplyQuote quote={quote} conversation={conversation} me={me} onJump={actions.jumpTo} />}
          <Body
            text={message?.text ?? pending?.text ?? ''}
            deleted={deleted}
            blocked={blocked}
            attachments={message?.attachments ?? pending?.attachments ?? []}
            mentions={message?.mentions}
            members={conversation.members}
            me={me}
            call={
              message?.call
                ? callText(
                    message.call,
                    own,
                    message.call.participantIds?.map((id) => {
                      const user = conversation.members.find((m) => m.user.id === id)?.user;
                      return user ? nameOf(user) : 'Former member';
                    }),
                  )
                : undefined
            }
          />
          <span className={styles.meta}>
            {editedAt && (
              <span className={styles.edited} data-testid="message-edited" title={`Edited ${dateTimeOf(editedAt)}`}>
                edited
              </span>
            )}
            <time dateTime={createdAt}>{timeOf(createdAt)}</time>
            {state && <DeliveryMark state={state} />}
          </span>
          {pending?.status === 'failed' && <SendFailure pending={pending} />}
        </div>
        <Reactions reactions={reactions} conversation={conversation} me={me} onToggle={react} />
      </div>
      {message && (
        <MessageActions
          own={own}
          mine={reactions.filter((r) => r.userIds.includes(me)).map((r) => r.emoji)}
          onReply={respond ? () => actions.reply(message) : undefined}
          onReact={respond ? react : undefined}
          onEdit={canEdit(message, me, actions.now) ? () => actions.edit(message) : undefined}
        />
      )}
      {message && <MessageMenu entry={entry} message={message} run={actions.run} />}
    </li>
  );
}

function MessageMenu({ entry, message, run }: { entry: ConversationEntry; message: Message; run: Run }) {
  const store = useChatStore();
  const me = useChatState((s) => s.me);
  const { conversation } = entry;
  const remove = (scope: 'me' | 'everyone') => () =>
    void run(() => store.deleteMessage(conversation.id, message.id, scope));
  const items: MenuItem[] = [{ label: 'Delete for me', testId: 'delete-for-me', onSelect: remove('me') }];
  if (canDeleteForEveryone(conversation, message, me)) {
    items.push({
      label: 'Delete for everyone',
      testId: 'delete-for-everyone',
      danger: true,
      onSelect: remove('everyone'),
    });
  }
  return <Menu label="Message actions" testId="message-menu" items={items} classNames={MENU_CLASSES} />;
}

/** Why the server refused my message, with Retry (same clientMessageId) and Discard. */
function SendFailure({ pending }: { pending: PendingSend }) {
  const store = useChatStore();
  return (
    <div className={styles.failure}>
      <span role="alert" data-testid="send-error">
        {pending.error ?? 'Not sent.'}
      </span>
      <button
        type="button"
        className={button('link')}
        data-testid="retry-send"
        onClick={() => store.retry(pending.clientMessageId)}
      >
        Retry
      </button>
      <button
        type="button"
        className={button('link')}
        data-testid="discard-send"
        onClick={() => store.discard(pending.clientMessageId)}
      >
        Discard
      </button>
    </div>
  );
}
