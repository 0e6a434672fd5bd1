import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import { messageFor } from '../api/messages';

export type UpDown = 'UP' | 'DOWN';

export interface ServiceHealth {
  name: string;
  status: UpDown;
  instances: number;
}

export interface HealthReport {
  status: UpDown;
  services: ServiceHealth[];
}

export interface HealthState {
  report: HealthReport | null;
  checkedAt: Date | null;
  error: string | null;
}

/** Polls `GET /api/health`, starting the next check `intervalMs` after the previous one finished. */
export function useHealth(intervalMs = 5000): HealthState {
  const [state, setState] = useState<HealthState>({ report: null, checkedAt: null, error: null });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function check() {
      try {
        const body = await api.get<unknown>('/api/health', { signal: controller.signal });
        setState({ report: toReport(body), checkedAt: new Date(), error: null });
      } catch (error) {
        if (controller.signal.aborted) return;
        // A gateway may answer 503 with the same report when something is down.
        if (error instanceof ApiError && error.status === 503 && isReportLike(error.body)) {
          setState({ report: toReport(error.body), checkedAt: new Date(), error: null });
        } else {
          setState((previous) => ({ ...previous, error: messageFor(error) }));
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void check(), intervalMs);
    }

    void check();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [intervalMs]);

  return state;
}

function isReportLike(body: unknown): body is { status?: unknown; services?: unknown } {
  return typeof body === 'object' && body !== null && 'status' in body;
}

/** Anything but an explicit UP counts as DOWN, so the page never shows a healthy state it was not told. */
function toReport(body: unknown): HealthReport {
  const raw = isReportLike(body) ? body : {};
  const services = Array.isArray(raw.services) ? (raw.services as unknown[]) : [];
  return {
    status: upDown(raw.status),
    services: services.map((s) => {
      const service = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
      return {
        name: typeof service.name === 'string' || typeof service.name === 'number' ? String(service.name) : 'unknown',
        status: upDown(service.status),
        instances: typeof service.instances === 'number' ? service.instances : 0,
      };
    }),
  };
}

function upDown(value: unknown): UpDown {
  return value === 'UP' ? 'UP' : 'DOWN';
}
