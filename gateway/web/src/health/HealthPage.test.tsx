import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json } from '../test/helpers';
import { HealthPage } from './HealthPage';

const report = (auth: string, message: string, overall = 'UP') => ({
  status: overall,
  services: [
    { name: 'auth-service', status: auth, instances: 1 },
    { name: 'message-service', status: message, instances: 2 },
  ],
});

function rowStatus(name: string) {
  return within(screen.getByTestId(`service-${name}`)).getByTestId('service-status').textContent;
}

describe('HealthPage', () => {
  it('renders one row per service with its status and instance count', async () => {
    const fetch = vi.fn(async () => json(200, report('UP', 'DOWN', 'DOWN')));
    vi.stubGlobal('fetch', fetch);

    render(<HealthPage />);

    expect((await screen.findByTestId('health-overall')).textContent).toBe('DOWN');
    expect(rowStatus('auth-service')).toBe('UP');
    expect(rowStatus('message-service')).toBe('DOWN');
    expect(screen.getByTestId('service-message-service').textContent).toContain('2');
    expect(fetch).toHaveBeenCalledWith('/api/health', expect.objectContaining({ method: 'GET' }));
    expect(screen.getByText(/Last checked/)).toBeTruthy();
  });

  it('checks again on its interval and shows the new statuses', async () => {
    const fetch = vi
      .fn()
      .mockImplementationOnce(async () => json(200, report('DOWN', 'UP', 'DOWN')))
      .mockImplementation(async () => json(200, report('UP', 'UP')));
    vi.stubGlobal('fetch', fetch);

    render(<HealthPage intervalMs={20} />);

    expect((await screen.findByTestId('health-overall')).textContent).toBe('DOWN');
    await vi.waitFor(() => expect(screen.getByTestId('health-overall').textContent).toBe('UP'));
    expect(rowStatus('auth-service')).toBe('UP');
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('shows anything but UP as DOWN', async () => {
    vi.stubGlobal('fetch', async () => json(200, report('OUT_OF_SERVICE', 'UP', 'UNKNOWN')));
    render(<HealthPage />);
    expect((await screen.findByTestId('health-overall')).textContent).toBe('DOWN');
    expect(rowStatus('auth-service')).toBe('DOWN');
  });

  it('reads the report from a 503 answer', async () => {
    vi.stubGlobal('fetch', async () => json(503, report('DOWN', 'UP', 'DOWN')));
    render(<HealthPage />);
    expect((await screen.findByTestId('health-overall')).textContent).toBe('DOWN');
    expect(rowStatus('message-service')).toBe('UP');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an error when the gateway cannot be reached', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    render(<HealthPage />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Health check failed: Cannot reach Parley/);
    expect(screen.queryByTestId('health-overall')).toBeNull();
  });
});
