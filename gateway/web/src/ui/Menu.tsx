import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { button, cx } from './styles/classes';
import styles from './Menu.module.css';

export interface MenuItem {
  label: string;
  testId: string;
  onSelect(): void;
  danger?: boolean;
}

/** A "⋯" button opening a small menu of actions (on a person, a chat, a message) (keyboard: arrows, Home/End, Escape). */
export function Menu({
  label,
  items,
  testId = 'person-menu',
  icon = '⋯',
  classNames = {},
}: {
  label: string;
  items: MenuItem[];
  testId?: string;
  icon?: string;
  /** Extra classes for the menu, its button and its list, where a screen places it differently. */
  classNames?: { menu?: string; button?: string; list?: string };
}) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  const entries = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    entries()[0]?.focus();
    const onPointer = (event: PointerEvent | MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  function close(focusButton: boolean) {
    setOpen(false);
    if (focusButton) trigger.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const all = entries();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number | undefined> = {
      ArrowDown: (at + 1) % all.length,
      ArrowUp: (at - 1 + all.length) % all.length,
      Home: 0,
      End: all.length - 1,
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      setOpen(false);
    } else if (move[event.key] !== undefined) {
      event.preventDefault();
      all[move[event.key] as number]?.focus();
    }
  }

  return (
    <div className={cx(styles.menu, classNames.menu)} ref={root}>
      <button
        ref={trigger}
        type="button"
        className={cx(button('icon'), classNames.button)}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid={testId}
        onClick={() => setOpen((was) => !was)}
      >
        <span aria-hidden="true">{icon}</span>
      </button>
      {open && (
        <ul
          className={cx(styles.list, classNames.list)}
          role="menu"
          id={menuId}
          aria-label={label}
          ref={menu}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => (
            <li key={item.testId} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={cx(styles.item, item.danger && styles.danger)}
                data-testid={item.testId}
                onClick={() => {
                  close(false);
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
