import { api } from '../api/client';
import { sessionStore, type AuthResponse } from './session';

export interface SignupRequest {
  email: string;
  username: string;
  displayName: string;
  password: string;
}

export async function login(loginName: string, password: string): Promise<void> {
  sessionStore.signIn(await api.post<AuthResponse>('/api/auth/login', { login: loginName, password }));
}

/** 202: a 6-digit code is e-mailed; `verifySignup` finishes it. */
export function signup(request: SignupRequest): Promise<void> {
  return api.post<void>('/api/auth/signup', request);
}

export async function verifySignup(email: string, code: string): Promise<void> {
  sessionStore.signIn(await api.post<AuthResponse>('/api/auth/signup/verify', { email, code }));
}

export function resendSignupCode(email: string): Promise<void> {
  return api.post<void>('/api/auth/otp/resend', { email, purpose: 'SIGNUP' });
}

export async function signOut(): Promise<void> {
  const current = sessionStore.get();
  sessionStore.clear();
  if (!current) return;
  // Signing out locally must work offline too; revoking the refresh token on the server is best effort.
  await api.post('/api/auth/logout', { refreshToken: current.refreshToken }).catch(() => undefined);
}
