import { alert, cx, panel, text } from '../ui/styles/classes';
import { useHealth, type UpDown } from './useHealth';
import styles from './HealthPage.module.css';

function Badge({ status, testId }: { status: UpDown; testId: string }) {
  return (
    <span className={cx(styles.badge, status === 'UP' ? styles.up : styles.down)} data-testid={testId}>
      {status}
    </span>
  );
}

export function HealthPage({ intervalMs = 5000 }: { intervalMs?: number }) {
  const { report, checkedAt, error } = useHealth(intervalMs);

  return (
    <section className={panel.panel} data-testid="health-page" aria-labelledby="health-title">
      <header className={panel.header}>
        <h1 id="health-title">System health</h1>
        {report && (
          <p className={styles.overall}>
            Overall <Badge status={report.status} testId="health-overall" />
          </p>
        )}
      </header>
      {error && (
        <p className={alert('error')} role="alert">
          Health check failed: {error}
          {report && ' The table shows the last successful check.'}
        </p>
      )}
      {!report && !error && <p className={text.muted}>Checking…</p>}
      {report && (
        <table className={styles.table}>
          <caption className={text.visuallyHidden}>Status of each service</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Status</th>
              <th scope="col" className={styles.numeric}>
                Instances
              </th>
            </tr>
          </thead>
          <tbody>
            {report.services.map((service) => (
              <tr key={service.name} data-testid={`service-${service.name}`}>
                <td>{service.name}</td>
                <td>
                  <Badge status={service.status} testId="service-status" />
                </td>
                <td className={styles.numeric}>{service.instances}</td>
              </tr>
            ))}
            {report.services.length === 0 && (
              <tr>
                <td colSpan={3} className={text.muted}>
                  No services registered.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {checkedAt && (
        <p className={cx(text.muted, text.small)}>
          Last checked <time dateTime={checkedAt.toISOString()}>{checkedAt.toLocaleTimeString()}</time>, refreshing
          every {Math.round(intervalMs / 1000)} s.
        </p>
      )}
    </section>
  );
}
