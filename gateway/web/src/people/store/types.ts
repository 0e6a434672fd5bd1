/** How another person stands to the signed-in user (always from the viewer's side). */
export type Relationship = 'NONE' | 'FRIEND' | 'REQUEST_SENT' | 'REQUEST_RECEIVED' | 'BLOCKED';

export const RELATIONSHIPS: readonly Relationship[] = ['NONE', 'FRIEND', 'REQUEST_SENT', 'REQUEST_RECEIVED', 'BLOCKED'];

/** A person as others see them (never the e-mail). */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  bio?: string | null;
  avatarMediaId?: string | null;
  /** `/api/media/{id}/content?variant=avatar` (256 px square), fetched with the token; null without a photo. */
  avatarUrl?: string | null;
  createdAt?: string;
  /** Presence arrives with messaging; until then it is absent and the dot is grey. */
  online?: boolean;
}

/** `GET /api/users/{id}` and search results: the public view plus the viewer's relationship. */
export interface Person extends PublicUser {
  relationship: Relationship;
  /** The pending request between the two, either way. */
  requestId?: string | null;
}

/** `GET /api/users/me`: the signed-in user's own profile. */
export interface OwnProfile {
  id: string;
  username: string;
  displayName: string;
  email?: string;
  bio?: string | null;
  avatarMediaId?: string | null;
  avatarUrl?: string | null;
  createdAt?: string;
}

export interface ProfileChange {
  displayName?: string;
  bio?: string;
  /** Media uploaded with purpose AVATAR; null removes the photo. */
  avatarMediaId?: string | null;
}

export type RequestDirection = 'INCOMING' | 'OUTGOING';

export interface FriendRequest {
  id: string;
  /** The other person. */
  user: PublicUser;
  direction: RequestDirection;
  /** PENDING or ACCEPTED (a string, so a status added later does not break the app). */
  status: string;
  createdAt?: string;
}

export interface Friend {
  user: PublicUser;
  since?: string;
}

export interface Block {
  user: PublicUser;
  since?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
