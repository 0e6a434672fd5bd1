import { useCallback, useEffect, useState } from 'react';

/** Whole seconds from `now` until `deadline` (epoch ms), never negative. */
export function secondsUntil(deadline: number | null, now = Date.now()): number {
  return deadline === null ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** `mm:ss`, e.g. 600 -> "10:00", 59 -> "00:59". */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Seconds left until `deadline` (epoch ms), re-rendering each second until it reaches 0. */
export function useSecondsUntil(deadline: number | null): number {
  const [tick, setTick] = useState(0);
  const left = secondsUntil(deadline);

  useEffect(() => {
    if (deadline === null || left === 0) return;
    // Wake up exactly when the displayed number changes.
    const delay = (deadline - Date.now()) % 1000 || 1000;
    const timer = setTimeout(() => setTick((t) => t + 1), delay);
    return () => clearTimeout(timer);
  }, [deadline, left, tick]);

  return left;
}

/** A restartable countdown: `[secondsLeft, start(seconds)]`. */
export function useCountdown(initialDeadline: number | null = null): [number, (seconds: number) => void] {
  const [deadline, setDeadline] = useState<number | null>(initialDeadline);
  const start = useCallback((seconds: number) => setDeadline(Date.now() + seconds * 1000), []);
  return [useSecondsUntil(deadline), start];
}
