import { useState } from 'react';
import { useRetryAfter } from './useRetryAfter';

/**
 * A form's submit whose success leaves the page: `run(call)` marks the form busy and clears the last error; a
 * failure is kept in `error`, locks the button after a 429 (`wait` seconds) and frees the form again.
 * `onFailure` sees the error before the form is freed.
 */
export function useSubmit() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const retry = useRetryAfter();

  async function run(call: () => Promise<unknown>, onFailure?: (error: unknown) => void) {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (e) {
      setError(e);
      retry.note(e);
      onFailure?.(e);
      setBusy(false);
    }
  }

  /** `error`, unless it is a 429 whose wait is over (then the form shows no error). */
  const current = retry.stale(error) ? null : error;
  return { error, current, setError, busy, wait: retry.wait, run };
}
