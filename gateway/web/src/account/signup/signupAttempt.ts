import type { OtpPageState } from '../otp/otpDeadlines';

/** Navigation state of `/signup/verify`: the code's deadlines and the sign-up they belong to. */
export interface VerifyPageState extends OtpPageState {
  signupId?: string;
}

// The server binds a sign-up's verify and resend calls to the `signupId` its 202 answered, so that only the one
// who started a sign-up can finish it. The id travels in the history entry and, so that a reload of the verify
// page still works even where history state is lost, in this tab's sessionStorage.
const KEY = 'parley.signup';

export function rememberSignup(email: string, signupId: string, storage = tabStorage()): void {
  try {
    storage?.setItem(KEY, JSON.stringify({ email, signupId }));
  } catch {
    // Storage blocked: the history entry still carries the id.
  }
}

/** The id of this tab's sign-up of `email`; null when it was started elsewhere (or never). */
export function signupIdFor(email: string, state: unknown, storage = tabStorage()): string | null {
  const fromState = (state as VerifyPageState | null)?.signupId;
  if (typeof fromState === 'string' && fromState) return fromState;
  try {
    const stored = JSON.parse(storage?.getItem(KEY) ?? 'null') as { email?: unknown; signupId?: unknown } | null;
    return stored?.email === email && typeof stored.signupId === 'string' && stored.signupId ? stored.signupId : null;
  } catch {
    return null;
  }
}

/** After a successful verify: the id can never be used again. */
export function forgetSignup(storage = tabStorage()): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // Storage blocked: nothing was kept there.
  }
}

function tabStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
