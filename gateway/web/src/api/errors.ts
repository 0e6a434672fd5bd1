export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as the Parley services send them. */
export interface ProblemDetail {
  status?: number;
  title?: string;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

/** Every failure of the api client: an HTTP error response, or `status 0, code NETWORK`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  /** The parsed response body, for endpoints whose error bodies carry data (e.g. health when DOWN). */
  readonly body: unknown;

  constructor(status: number, code: string, detail: string, fieldErrors: FieldError[] = [], body?: unknown) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.body = body;
  }

  /** The message for one form field, if the server rejected it. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection.');
    error.cause = cause;
    return error;
  }

  static fromResponse(status: number, statusText: string, body: unknown): ApiError {
    const problem: Record<string, unknown> = isObject(body) ? body : {};
    const errors = Array.isArray(problem.errors) ? problem.errors.filter(isFieldError) : [];
    return new ApiError(
      status,
      typeof problem.code === 'string' ? problem.code : `HTTP_${status}`,
      str(problem.detail) ?? str(problem.title) ?? (statusText || `Request failed (${status})`),
      errors,
      body,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFieldError(value: unknown): value is FieldError {
  return isObject(value) && typeof value.field === 'string' && typeof value.message === 'string';
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
