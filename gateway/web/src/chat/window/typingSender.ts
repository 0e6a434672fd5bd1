/** Senders renew `typing` this often; receivers drop an indicator after twice as long. */
export const TYPING_RENEW_MS = 3_000;
/** No keystroke for this long means the user stopped typing. */
export const TYPING_IDLE_MS = 3_000;

export interface TypingSender {
  /** A change of the composer's text. */
  input(text: string): void;
  /** The message was sent, or the composer went away. */
  stop(): void;
}

/**
 * Turns keystrokes into `typing` frames: `active: true` at most once per TYPING_RENEW_MS while typing,
 * `active: false` after TYPING_IDLE_MS without a keystroke, when the box is cleared, or on stop().
 */
export function createTypingSender(send: (active: boolean) => void, now: () => number = Date.now): TypingSender {
  let active = false;
  let lastActiveAt = -Infinity;
  let idle: ReturnType<typeof setTimeout> | undefined;

  function stop() {
    clearTimeout(idle);
    idle = undefined;
    if (!active) return;
    active = false;
    lastActiveAt = -Infinity;
    send(false);
  }

  return {
    input(text) {
      if (text.trim() === '') return stop();
      if (!active || now() - lastActiveAt >= TYPING_RENEW_MS) {
        active = true;
        lastActiveAt = now();
        send(true);
      }
      clearTimeout(idle);
      idle = setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}
