/** The app's paths that take a parameter, in one place (the routes themselves are in `App.tsx`). */

export const chatPath = (conversationId: string) => `/chats/${encodeURIComponent(conversationId)}`;

export const profilePath = (userId: string) => `/people/${encodeURIComponent(userId)}`;

/** The second sign-up step, for the address the code went to. */
export const verifySignupPath = (email: string) => `/signup/verify?email=${encodeURIComponent(email)}`;

/** Where a password-reset code is entered, for the address it went to. */
export const resetPasswordPath = (email: string) => `/reset-password?email=${encodeURIComponent(email)}`;

/** A chat opened at one of its messages (scrolled to it and highlighted for a moment), e.g. from a search result. */
export const chatMessagePath = (conversationId: string, messageId: string) =>
  `${chatPath(conversationId)}?message=${encodeURIComponent(messageId)}`;
