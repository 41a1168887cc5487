import { BadRequestError } from "../errors";

/** A request's query as a plain object for a schema; a repeated parameter is ambiguous and a 400. */
export function queryParams(req: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URL(req.url).searchParams) {
    if (Object.hasOwn(params, name)) throw new BadRequestError(`The query parameter ${name} is repeated.`, [{ path: name, message: "must appear once" }]);
    params[name] = value;
  }
  return params;
}
