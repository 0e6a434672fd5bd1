import { api as defaultApi, type ApiClient } from '../api/client';
import { sessionStore, type AuthResponse, type SessionStore } from './session';

export interface SignupRequest {
  email: string;
  username: string;
  displayName: string;
  password: string;
}

/** 202 of signup, resend and forgot-password: how long the e-mailed code lives, and when another may be sent. */
export interface OtpSent {
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/** 202 of signup: also the id that binds the verify and resend calls to this browser's sign-up. */
export interface SignupStarted extends OtpSent {
  signupId: string;
}

/** Body of `POST /api/auth/otp/resend`: a sign-up code is only resent to the one who started the sign-up. */
export type ResendRequest =
  { purpose: 'SIGNUP'; email: string; signupId: string } | { purpose: 'PASSWORD_RESET'; email: string };

export interface AuthApi {
  /** 200: stores the new session. */
  login(login: string, password: string): Promise<void>;
  /** 202 whether or not the e-mail already has an account; a 6-digit code is e-mailed. */
  signup(request: SignupRequest): Promise<SignupStarted>;
  /** 201: the account exists and the new session is stored. `signupId` comes from `signup`. */
  verifySignup(email: string, code: string, signupId: string): Promise<void>;
  resendCode(request: ResendRequest): Promise<OtpSent>;
  /** 202 always: never says whether the account exists. */
  forgotPassword(email: string): Promise<OtpSent>;
  /** 204: every session of the account is signed out, this device's too. */
  resetPassword(email: string, code: string, newPassword: string): Promise<void>;
  /** 204: every other session of the account is signed out; this device's stays. */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Clears the session (memory and marker) at once; revoking the cookie's session on the server is best effort. */
  signOut(): Promise<void>;
}

const withDefaults = (sent: Partial<OtpSent> | undefined): OtpSent => ({
  expiresInSeconds: sent?.expiresInSeconds ?? 600,
  resendAfterSeconds: sent?.resendAfterSeconds ?? 60,
});

export function createAuthApi(api: ApiClient, session: SessionStore): AuthApi {
  const login = async (loginName: string, password: string) => {
    session.signIn(await api.postSession<AuthResponse>('/api/auth/login', { login: loginName, password }));
  };

  return {
    login,
    async signup(request) {
      const started = await api.post<SignupStarted>('/api/auth/signup', request);
      return { ...withDefaults(started), signupId: started.signupId };
    },
    async verifySignup(email, code, signupId) {
      session.signIn(await api.postSession<AuthResponse>('/api/auth/signup/verify', { email, code, signupId }));
    },
    async resendCode(request) {
      return withDefaults(await api.post<OtpSent>('/api/auth/otp/resend', request));
    },
    async forgotPassword(email) {
      return withDefaults(await api.post<OtpSent>('/api/auth/password/forgot', { email }));
    },
    async resetPassword(email, code, newPassword) {
      await api.post<void>('/api/auth/password/reset', { email, code, newPassword });
      // The server just signed out every session of the account; if this device had one, it is dead.
      if (session.get()) session.clear();
    },
    async changePassword(currentPassword, newPassword) {
      await api.post<void>('/api/auth/password/change', { currentPassword, newPassword });
    },
    async signOut() {
      const current = session.get();
      session.clear();
      if (!current) return;
      await api.postSession('/api/auth/logout', {}).catch(() => undefined);
    },
  };
}

/** The app's auth calls, on the app's one client and session. */
export const authApi = createAuthApi(defaultApi, sessionStore);
