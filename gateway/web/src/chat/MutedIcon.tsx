import { cx, text } from '../ui/styles/classes';

/** A crossed-out bell beside a chat whose notifications I muted (while the mute holds). */
export function MutedIcon({ className }: { className?: string }) {
  return (
    <span
      className={cx(text.muted, className)}
      data-testid="muted-icon"
      role="img"
      aria-label="Notifications muted"
      title="Notifications muted"
    >
      🔕
    </span>
  );
}
