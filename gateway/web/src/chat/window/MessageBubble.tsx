import type { Attachment } from '../../media/types';
import { Menu, type MenuItem } from '../../ui/Menu';
import { button, cx } from '../../ui/styles/classes';
import { MessageAttachments } from '../attachments/MessageAttachments';
import { timeOf } from '../format';
import { useChatState, useChatStore } from '../store/ChatProvider';
import type { ConversationEntry } from '../store/chatState';
import { callText, canDeleteForEveryone, deliveryOf, nameOf, pendingState } from '../store/selectors';
import type { DeliveryState, Message, PendingSend } from '../store/types';
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
}: {
  text: string;
  deleted: boolean;
  blocked: boolean;
  attachments: Attachment[];
  call?: string;
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
          {text}
        </p>
      )}
    </>
  );
}

type Run = (action: () => Promise<unknown>) => Promise<boolean>;

/**
 * One message: mine on the right with its delivery state, others' on the left (named in groups). A message of
 * mine not yet acknowledged comes as `pending`; the same element then turns into the sent message.
 */
export function MessageBubble(
  props: { entry: ConversationEntry; run: Run } & ({ message: Message } | { pending: PendingSend }),
) {
  const me = useChatState((s) => s.me);
  const { conversation } = props.entry;
  const message = 'message' in props ? props.message : null;
  const pending = 'pending' in props ? props.pending : null;
  const own = pending !== null || message?.senderId === me;
  const state = pending ? pendingState(pending) : own && message ? deliveryOf(conversation, message, me) : undefined;
  const deleted = message?.deleted ?? false;
  // From someone I blocked (in a group): the server left the content out, and the sender goes unnamed.
  const blocked = message?.senderBlocked === true;
  const sender = message && conversation.members.find((m) => m.user.id === message.senderId)?.user;
  const createdAt = message?.createdAt ?? pending?.createdAt ?? '';
  const bubbleClass = cx(styles.bubble, blocked && styles.hidden, state === 'failed' && styles.failed);
  return (
    <li
      className={cx(styles.message, own ? styles.own : styles.other)}
      data-testid="message"
      data-message-id={message?.id ?? ''}
      data-client-id={(message ? message.clientMessageId : pending?.clientMessageId) ?? ''}
      data-own={String(own)}
      data-state={state}
      data-deleted={String(deleted)}
      data-sender-blocked={blocked ? 'true' : undefined}
    >
      <div className={bubbleClass} data-testid="message-bubble">
        {!own && !blocked && conversation.kind === 'GROUP' && (
          <span className={styles.sender} data-testid="message-sender">
            {sender ? nameOf(sender) : 'Former member'}
          </span>
        )}
        <Body
          text={message?.text ?? pending?.text ?? ''}
          deleted={deleted}
          blocked={blocked}
          attachments={message?.attachments ?? pending?.attachments ?? []}
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
          <time dateTime={createdAt}>{timeOf(createdAt)}</time>
          {state && <DeliveryMark state={state} />}
        </span>
        {pending?.status === 'failed' && <SendFailure pending={pending} />}
      </div>
      {message && <MessageMenu entry={props.entry} message={message} run={props.run} />}
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
