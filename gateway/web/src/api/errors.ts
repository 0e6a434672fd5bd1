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
  /** 429s: how long to wait (also the `Retry-After` header). */
  retryAfterSeconds?: number;
  /** OTP_INVALID: wrong codes still allowed before the code dies. */
  attemptsLeft?: number;
}

/** Every failure of the api client: an HTTP error response, or `status 0, code NETWORK`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  /** The parsed response body, for endpoints whose error bodies carry data (e.g. health when DOWN). */
  readonly body: unknown;
  /** Seconds to wait before trying again (429), from the body or the `Retry-After` header. */
  readonly retryAfterSeconds: number | undefined;
  /** Wrong one-time codes still allowed (OTP_INVALID). */
  readonly attemptsLeft: number | undefined;

  constructor(
    status: number,
    code: string,
    detail: string,
    fieldErrors: FieldError[] = [],
    body?: unknown,
    /** Used when the body carries no `retryAfterSeconds` (e.g. from the `Retry-After` header). */
    retryAfterSeconds?: number,
  ) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.body = body;
    const problem = isObject(body) ? body : {};
    this.retryAfterSeconds = seconds(problem.retryAfterSeconds) ?? retryAfterSeconds;
    this.attemptsLeft = seconds(problem.attemptsLeft);
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

  static fromResponse(status: number, statusText: string, body: unknown, headers?: Headers): ApiError {
    const problem: Record<string, unknown> = isObject(body) ? body : {};
    const errors = Array.isArray(problem.errors) ? problem.errors.filter(isFieldError) : [];
    return new ApiError(
      status,
      typeof problem.code === 'string' ? problem.code : `HTTP_${status}`,
      str(problem.detail) ?? str(problem.title) ?? (statusText || `Request failed (${status})`),
      errors,
      body,
      retryAfterHeader(headers?.get('Retry-After') ?? null),
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

/** A non-negative whole number, or undefined. */
function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
}

/** `Retry-After` is either delay-seconds or an HTTP date. */
function retryAfterHeader(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
