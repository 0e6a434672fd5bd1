import { useState } from 'react';
import { button, cx, text } from '../ui/styles/classes';
import { askForNotifications, dismissNotificationOffer, shouldOfferNotifications } from './notifications';
import styles from './NotifyPrompt.module.css';

/**
 * Above the chat list, while the browser has not been asked yet: an offer to turn on notifications of new
 * messages. Browsers let a site ask only from a click, and asking on the first load is unwelcome; "Not now" is
 * remembered in this browser.
 */
export function NotifyPrompt() {
  const [shown, setShown] = useState(() => shouldOfferNotifications());
  if (!shown) return null;
  return (
    <div className={styles.prompt} role="region" aria-label="Notifications" data-testid="notify-prompt">
      <span className={cx(text.small, styles.text)}>Get notified of new messages?</span>
      <button
        type="button"
        className={button('primary', 'small')}
        data-testid="notify-enable"
        onClick={() => {
          setShown(false);
          void askForNotifications();
        }}
      >
        Turn on
      </button>
      <button
        type="button"
        className={button('ghost', 'small')}
        data-testid="notify-dismiss"
        onClick={() => {
          dismissNotificationOffer();
          setShown(false);
        }}
      >
        Not now
      </button>
    </div>
  );
}
