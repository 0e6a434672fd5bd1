import type { Presence } from './store/types';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const DAY_MS = 86_400_000;

function parse(iso: string | null | undefined): Date | null {
  const at = iso ? new Date(iso) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

/** The local calendar day of a timestamp, e.g. "2026-1-5". */
export function dayKey(iso: string): string {
  const at = parse(iso) ?? new Date(0);
  return `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`;
}

const startOfDay = (at: number) => new Date(new Date(at).setHours(0, 0, 0, 0)).getTime();

/** Whole local days between the timestamp's day and today's. */
function daysAgo(at: Date, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(at.getTime())) / DAY_MS);
}

export function timeOf(iso: string): string {
  const at = parse(iso);
  return at ? timeFormat.format(at) : '';
}

/** A full date and time, e.g. "5 Jan 2026, 10:04" (the title of an "edited" label). */
export function dateTimeOf(iso: string | null | undefined): string {
  const at = parse(iso);
  return at ? dateTimeFormat.format(at) : '';
}

/** The day separator: "Today", "Yesterday", or the full date. */
export function dayLabel(iso: string, now = Date.now()): string {
  const at = parse(iso);
  if (!at) return '';
  const days = daysAgo(at, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return longDateFormat.format(at);
}

/** The time in the conversation list: the time today, the weekday this week, else the date. */
export function listTime(iso: string | null | undefined, now = Date.now()): string {
  const at = parse(iso);
  if (!at) return '';
  const days = daysAgo(at, now);
  if (days === 0) return timeFormat.format(at);
  if (days < 7) return weekdayFormat.format(at);
  return shortDateFormat.format(at);
}

/** "online", "last seen 5 min ago", "last seen yesterday at 14:05", …; "offline" when nothing is known. */
export function presenceText(presence: Presence | undefined, now = Date.now()): string {
  if (presence?.online) return 'online';
  const at = parse(presence?.lastSeenAt);
  if (!at) return 'offline';
  const minutes = Math.floor((now - at.getTime()) / 60_000);
  if (minutes < 1) return 'last seen just now';
  if (minutes < 60) return `last seen ${minutes} min ago`;
  const days = daysAgo(at, now);
  if (days === 0) return `last seen ${Math.floor(minutes / 60)} h ago`;
  if (days === 1) return `last seen yesterday at ${timeFormat.format(at)}`;
  return `last seen ${shortDateFormat.format(at)}`;
}
