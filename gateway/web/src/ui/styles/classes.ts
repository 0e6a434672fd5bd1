import alerts from './alert.module.css';
import buttons from './button.module.css';
import panels from './panel.module.css';
import texts from './text.module.css';

// The shared looks. A component imports this before its own `*.module.css`, so its own rules come later in the
// bundle and win over these at equal specificity.

/** Joins class names, skipping the empty ones. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

export type ButtonVariant = 'primary' | 'danger' | 'link' | 'small' | 'icon' | 'ghost';

/** A button's classes (also for a link that looks like one), e.g. `button('primary', 'small')`. */
export function button(...variants: ButtonVariant[]): string {
  return cx(buttons.button, ...variants.map((variant) => buttons[variant]));
}

export type AlertKind = 'error' | 'success' | 'info';

/** A message box: `alert('error')`. */
export function alert(kind: AlertKind): string {
  return cx(alerts.alert, alerts[kind]);
}

/** `muted` (grey), `small`, `visuallyHidden` (for screen readers only). */
export const text = texts;

/** `panel` (a page's card; with `narrow` for a form), `header` (its title row), `actions` (a row of buttons). */
export const panel = panels;
