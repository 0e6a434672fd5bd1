import { useEffect } from 'react';

/** Rings (incoming) or plays the ringback tone (outgoing) with Web Audio while `tone` is set. */
export function useTone(tone: 'ring' | 'ringback' | null) {
  useEffect(() => {
    if (!tone || typeof AudioContext === 'undefined') return;
    let context: AudioContext;
    try {
      context = new AudioContext();
    } catch {
      return;
    }
    // Ring: two short bursts every 2 s; ringback: one long tone every 4 s (as phones do).
    const [frequency, on, period] = tone === 'ring' ? [880, 0.4, 2] : [440, 1.5, 4];
    const beep = () => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      gain.gain.value = 0.05;
      oscillator.frequency.value = frequency;
      oscillator.connect(gain).connect(context.destination);
      oscillator.start();
      oscillator.stop(context.currentTime + on);
    };
    beep();
    const timer = setInterval(beep, period * 1000);
    return () => {
      clearInterval(timer);
      void context.close().catch(() => undefined);
    };
  }, [tone]);
}
