import { useEffect, useState } from 'react';

/** The current time, renewed every `intervalMs` (for "5 min ago" labels). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * Whether the user can see the page: it is visible and the window has not lost focus. A page starts out
 * as focused (`document.hasFocus()` is false in some headless and embedded browsers even when in front),
 * then follows blur and focus, and any click or key press in it.
 */
export function useWindowActive(): boolean {
  const [active, setActive] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    let focused = true;
    const update = () => setActive(document.visibilityState === 'visible' && focused);
    const onBlur = () => {
      focused = false;
      update();
    };
    const onFocus = () => {
      focused = true;
      update();
    };
    const events: [EventTarget, string, () => void][] = [
      [document, 'visibilitychange', update],
      [window, 'blur', onBlur],
      [window, 'focus', onFocus],
      [window, 'pointerdown', onFocus],
      [window, 'keydown', onFocus],
    ];
    events.forEach(([target, type, listener]) => target.addEventListener(type, listener));
    return () => events.forEach(([target, type, listener]) => target.removeEventListener(type, listener));
  }, []);
  return active;
}
