import { useEffect, useId, useRef, type ReactNode } from 'react';
import { button, cx } from './styles/classes';
import styles from './Dialog.module.css';

/** A modal box over the page: Escape, the × button or a click outside closes it. */
export function Dialog({
  title,
  onClose,
  children,
  testId,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  /** As wide as the window allows (a picture), instead of a form's width. */
  wide?: boolean;
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>('input, button')?.focus();
    return () => opener?.focus?.();
  }, []);
  return (
    <div
      className={styles.backdrop}
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div
        className={cx(styles.dialog, wide && styles.wide)}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={box}
        data-testid={testId}
      >
        <header className={styles.header}>
          <h2 id={titleId}>{title}</h2>
          <button type="button" className={button('icon')} aria-label="Close" onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
