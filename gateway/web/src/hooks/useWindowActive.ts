import { useEffect, useState } from 'react';

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
