import type { ReactNode } from 'react';
import { ApiError } from '../../api/errors';
import { messageFor, type MessageContext } from '../../api/messages';
import { alert } from '../styles/classes';

/** Which inputs a form has, so a failed submit's messages can go under them. */
export interface ErrorPlacement {
  /** The `name`s of the form's inputs. */
  fields: readonly string[];
  /** Codes that concern one input even when the server names no field (e.g. USERNAME_TAKEN -> username). */
  byCode?: Readonly<Record<string, string>>;
  /** Server field names that differ from the input's name (e.g. password -> newPassword). */
  aliases?: Readonly<Record<string, string>>;
  context?: MessageContext;
}

export interface PlacedError {
  /** Message per input name. */
  fields: Record<string, string>;
  /** A message no input can show, for the form-level alert; null when every part has an input. */
  form: string | null;
}

const NONE: PlacedError = { fields: {}, form: null };

export function placeError(error: unknown, placement: ErrorPlacement): PlacedError {
  if (!error) return NONE;
  if (!(error instanceof ApiError)) return { fields: {}, form: messageFor(error, placement.context) };
  const fields: Record<string, string> = {};
  const has = (name: string | undefined): name is string => name !== undefined && placement.fields.includes(name);

  if (error.fieldErrors.length === 0) {
    const target = placement.byCode?.[error.code];
    if (has(target)) return { fields: { [target]: messageFor(error, placement.context) }, form: null };
    return { fields, form: messageFor(error, placement.context) };
  }
  let unplaced = false;
  for (const { field, message } of error.fieldErrors) {
    const target = placement.aliases?.[field] ?? field;
    if (has(target)) fields[target] ??= message;
    else unplaced = true;
  }
  return { fields, form: unplaced ? messageFor(error, placement.context) : null };
}

/** The form-level message of a failed submit (field messages are shown under their inputs). */
export function FormAlert({ message, children }: { message: string | null; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div className={alert('error')} role="alert" data-testid="form-error">
      <p>{message}</p>
      {children}
    </div>
  );
}

export function FormSuccess({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className={alert('success')} role="status" data-testid="form-success">
      {message}
    </p>
  );
}

export function FormNotice({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className={alert('info')} role="status" data-testid="notice">
      {message}
    </p>
  );
}
