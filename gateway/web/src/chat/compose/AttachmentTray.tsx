import { formatBytes, safeFileName } from '../../media/format';
import { button, cx, text } from '../../ui/styles/classes';
import { fileKind } from '../attachments/FileCard';
import type { UploadTray } from './useUploadTray';
import styles from './AttachmentTray.module.css';

/** The files of the next message: name, size, progress or failure, and a button that cancels or removes each. */
export function AttachmentTray({ tray }: { tray: UploadTray }) {
  if (tray.items.length === 0 && !tray.notice) return null;
  return (
    <div className={styles.tray}>
      {tray.items.length > 0 && (
        <ul className={styles.items} data-testid="attachment-tray" aria-label="Files to send">
          {tray.items.map((item) => {
            const name = safeFileName(item.name);
            const uploading = item.status === 'uploading';
            return (
              <li
                key={item.key}
                className={cx(styles.item, item.status === 'failed' && styles.failed)}
                data-testid="attachment-item"
                data-status={item.status}
              >
                {item.preview ? (
                  <img className={styles.preview} src={item.preview} alt="" />
                ) : (
                  <span className={styles.icon} aria-hidden="true">
                    {fileKind(item.contentType).icon}
                  </span>
                )}
                <span className={styles.details}>
                  <span className={cx(text.truncate, styles.name)} title={name} data-testid="attachment-name">
                    {name}
                  </span>
                  {uploading ? (
                    <progress
                      className={styles.progress}
                      value={item.progress}
                      max={1}
                      aria-label={`Uploading ${name}`}
                      data-testid="attachment-progress"
                    />
                  ) : item.status === 'failed' ? (
                    <span className={cx(text.small, styles.error)} role="alert" data-testid="attachment-error">
                      {item.error}
                    </span>
                  ) : (
                    <span className={cx(text.small, text.muted)}>{formatBytes(item.size)}</span>
                  )}
                </span>
                <button
                  type="button"
                  className={button('icon')}
                  data-testid="attachment-remove"
                  aria-label={uploading ? `Cancel uploading ${name}` : `Remove ${name}`}
                  onClick={() => tray.remove(item.key)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {tray.notice && (
        <p className={cx(text.small, styles.error)} role="alert" data-testid="attachment-notice">
          {tray.notice}
        </p>
      )}
    </div>
  );
}
