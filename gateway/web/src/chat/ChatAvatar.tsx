import { Avatar, AvatarWrap, PresenceDot } from '../ui/Avatar';
import { peerOf } from './store/selectors';
import type { Conversation, Presence } from './store/types';

/** The peer's avatar with a presence dot (direct), or the group's initials. */
export function ChatAvatar({
  conversation,
  me,
  presence,
  title,
}: {
  conversation: Conversation;
  me: string;
  presence: Record<string, Presence>;
  title: string;
}) {
  const peer = peerOf(conversation, me);
  if (!peer) {
    return (
      <AvatarWrap>
        <Avatar user={{ id: conversation.id, username: title, displayName: title }} />
      </AvatarWrap>
    );
  }
  return (
    <AvatarWrap>
      <Avatar user={peer} />
      <PresenceDot online={presence[peer.id]?.online ?? false} testId="presence-dot" />
    </AvatarWrap>
  );
}
