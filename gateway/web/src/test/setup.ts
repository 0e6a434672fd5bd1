import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { disposeClients } from './renderApp';

// jsdom has no object URLs; the media cache makes one per fetched file.
let objectUrls = 0;
URL.createObjectURL ??= () => `blob:parley.test/${++objectUrls}`;
URL.revokeObjectURL ??= () => undefined;

afterEach(() => {
  cleanup();
  disposeClients();
  vi.useRealTimers();
  localStorage.clear();
  sessionStorage.clear();
});
