/** One family of domain errors; lib/http turns each into an RFC 9457 problem+json response. */
export type FieldError = { path: string; message: string };

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(readonly errors: FieldError[], detail = errors.map((e) => `${e.path}: ${e.message}`).join("; ")) {
    super(422, "validation", "Your request has invalid fields", detail, { errors });
  }
}

export class BadRequestError extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, "bad-request", "Malformed request", detail, errors ? { errors } : {});
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(detail = "Sign in to continue.") {
    super(401, "unauthenticated", "Not signed in", detail);
  }
}

export class NotFoundError extends DomainError {
  constructor(detail = "Nothing exists at this address.") {
    super(404, "not-found", "Not found", detail);
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string) {
    super(409, "conflict", "Conflict", detail);
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(detail = "The resource changed since you read it; reload and try again.") {
    super(412, "precondition-failed", "Precondition failed", detail);
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor(detail = "Send If-Match with the ETag you read.") {
    super(428, "precondition-required", "Precondition required", detail);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super(413, "payload-too-large", "Request body too large", `The body must be at most ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(expected: string) {
    super(415, "unsupported-media-type", "Unsupported media type", `Send the body as ${expected}.`);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "too-many-requests", "Too many requests", `Try again in ${retryAfterSeconds} s.`);
  }
}

/** Contention that outlasted our retries (e.g. a transaction conflicting on an aggregate): try again shortly. */
export class ServiceUnavailableError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    detail = "We are handling many changes to this data at once; try again in a moment.",
  ) {
    super(503, "service-unavailable", "Busy, try again shortly", detail);
  }
}
