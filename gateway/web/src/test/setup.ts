import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { disposeClients } from './renderApp';

afterEach(() => {
  cleanup();
  disposeClients();
  vi.useRealTimers();
  localStorage.clear();
  sessionStorage.clear();
});
