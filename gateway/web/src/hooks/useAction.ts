import { useCallback, useState } from 'react';
import { messageFor, type MessageContext } from '../api/messages';

/** One button's request: `busy` while it runs, its failure worded in `error` until the next run. */
export function useAction(context?: MessageContext) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await action();
        return true;
      } catch (e) {
        setError(messageFor(e, context));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [context],
  );
  return { busy, error, run, clear: useCallback(() => setError(null), []) };
}
