/**
 * Checks real responses against the OpenAPI document (tests only): the status must be documented for the
 * operation, the content type must match, the body must validate against the JSON Schema (draft 2020-12,
 * as OpenAPI 3.1 specifies) and every required header must be present and valid.
 */
import { Ajv2020 } from "ajv/dist/2020";
import addFormatsPlugin from "ajv-formats";
import type { ValidateFunction } from "ajv";

type Json = Record<string, unknown>;
type ResponseSpec = { description?: string; headers?: Record<string, { required?: boolean; schema?: Json }>; content?: Record<string, { schema?: Json }> };

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped once more.
const addFormats = ((addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ?? addFormatsPlugin) as typeof addFormatsPlugin;

export type ContractCheck = { method: string; path: string; response: Response; body: unknown };

export function createContract(document: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, "openapi");
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  const at = (pointer: string): unknown =>
    pointer
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), document);

  /** Returns the list of violations (empty when the response conforms). */
  function violations({ method, path, response, body }: ContractCheck): string[] {
    const operationPointer = `/paths/${escapePointer(path)}/${method.toLowerCase()}`;
    if (!at(operationPointer)) return [`${method} ${path} is not in the document`];
    let responsePointer = `${operationPointer}/responses/${response.status}`;
    let spec = at(responsePointer) as (ResponseSpec & { $ref?: string }) | undefined;
    if (!spec) return [`${method} ${path} does not document status ${response.status}`];
    if (spec.$ref) {
      responsePointer = spec.$ref.slice(1);
      spec = at(responsePointer) as ResponseSpec;
    }
    const problems: string[] = [];
    for (const [name, header] of Object.entries(spec.headers ?? {})) {
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`missing header ${name}`);
        continue;
      }
      const validate = validatorAt(`${responsePointer}/headers/${escapePointer(name)}/schema`);
      if (!validate(value)) problems.push(`header ${name}: ${ajv.errorsText(validate.errors)}`);
    }
    const contentTypes = Object.keys(spec.content ?? {});
    if (contentTypes.length === 0) {
      if (body !== undefined && body !== null && body !== "") problems.push(`status ${response.status} documents no body`);
      return problems;
    }
    const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!contentTypes.includes(type)) return [...problems, `content-type ${type} not in ${contentTypes.join(", ")}`];
    const validate = validatorAt(`${responsePointer}/content/${escapePointer(type)}/schema`);
    if (!validate(body)) problems.push(`body: ${ajv.errorsText(validate.errors)}`);
    return problems;
  }

  return { violations };
}
