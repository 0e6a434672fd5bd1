/**
 * Incoming calls also show a system notification while the tab is hidden. Browsers let a site ask for that
 * only from a click, so the app asks when the user first places or accepts a call.
 */
export function askForCallNotifications() {
  if (typeof window === 'undefined' || !('Notification' in window) || Notification.permission !== 'default') return;
  // Older browsers answer through a callback and return nothing.
  void Notification.requestPermission()?.catch(() => undefined);
}
