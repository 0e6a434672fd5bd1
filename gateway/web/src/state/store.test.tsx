import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createState, useOptionalStore, useStore, type Store } from './store';

describe('createState', () => {
  it('tells its listeners of a new value, not of the same one', () => {
    const state = createState({ n: 1 });
    const listener = vi.fn();
    const off = state.subscribe(listener);
    state.set(state.getState());
    expect(listener).not.toHaveBeenCalled();
    state.set({ n: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(state.getState()).toEqual({ n: 2 });
    off();
    state.set({ n: 3 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

function Count({ store }: { store: Store<{ n: number; other: string }> }) {
  const renders = useStore(store, (s) => s.n);
  return <output data-testid="n">{renders}</output>;
}

function Maybe({ store }: { store: Store<{ n: number }> | null }) {
  return <output data-testid="maybe">{useOptionalStore(store, (s) => s.n, -1)}</output>;
}

describe('useStore', () => {
  it('renders the selected part and follows it', () => {
    const state = createState({ n: 1, other: 'a' });
    render(<Count store={state} />);
    expect(screen.getByTestId('n').textContent).toBe('1');
    act(() => state.set({ n: 2, other: 'a' }));
    expect(screen.getByTestId('n').textContent).toBe('2');
  });

  it('gives the fallback without a store', () => {
    const state = createState({ n: 5 });
    const { rerender } = render(<Maybe store={null} />);
    expect(screen.getByTestId('maybe').textContent).toBe('-1');
    rerender(<Maybe store={state} />);
    expect(screen.getByTestId('maybe').textContent).toBe('5');
  });
});
