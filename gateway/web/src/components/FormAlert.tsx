import { ApiError } from '../api/errors';
import { messageFor } from '../api/messages';

/**
 * The form-level message for a failed submit. Field errors are shown next to their inputs,
 * so this stays quiet when every one of them belongs to a field the form has.
 */
export function FormAlert({ error, fields }: { error: unknown; fields: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError && error.fieldErrors.length > 0) {
    if (error.fieldErrors.every((e) => fields.includes(e.field))) return null;
  }
  return (
    <p className="alert alert-error" role="alert">
      {messageFor(error)}
    </p>
  );
}

export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}
