/** A rule of the business said no. Routes turn these into 4xx answers with a message key. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 403 | 404 | 409 | 410 | 429 = 400,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`errors.notFound`, 404, { what });
    this.name = "NotFoundError";
  }
}
