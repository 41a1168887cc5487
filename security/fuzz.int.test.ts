import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractViolations, dispatch } from "@/app/api/expenses/test-client";
import { PROBLEM_CONTENT_TYPE } from "@/lib/http/problem";
import { localStackEnv } from "@/local/test-stack";
import { PUBLIC_ROUTES, ROUTE_CASES, type RouteCase } from "./route-cases";
import { createTarget, type OwnedData } from "./tenant-data";

const REQUESTS = 5_000;
const USERS = 10;
const CONCURRENCY = 6;
const SEED = 20_261_202;

/** The fuzz measures answers, not the rate limits: both are set out of reach for this file's process. */
const LIMITS = { LEDGERLINE_WRITE_LIMIT: "1000000", LEDGERLINE_READ_LIMIT: "1000000" };
const previous = Object.fromEntries(Object.keys(LIMITS).map((name) => [name, process.env[name]]));

/** Each user's target: a real expense (so some ids hit), and ids of nothing for the rest. */
let targets: OwnedData[] = [];

beforeAll(async () => {
  localStackEnv();
  Object.assign(process.env, LIMITS);
  targets = await Promise.all(Array.from({ length: USERS }, () => createTarget()));
});

afterAll(() => {
  for (const [name, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const ODD_IDS = ["", ".", "..", "../x", "..%2f..%2fetc", "%2e%2e%2f", "a/b", "a\\b", "\u0000", "x\u0000y", "x".repeat(5000), "💸", "ＡＢＣ", "__proto__", "constructor", "01JQ3Z8K4M5N6P7Q8R9S0T1V2W", "01jq3z8k4m5n6p7q8r9s0t1v2w", "' OR 1=1 --", "${7*7}", "<script>"];
const ODD_VALUES = ["", "0", "-1", "101", "1e309", "99999999999999999999999", "NaN", "2025-02-30", "2025-13-01", "💸", "\u0000", "__proto__", "x".repeat(3000), "%", "%zz", "a&b=c"];
const POLLUTION = ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"budgets":[{"__proto__":{"polluted":true},"category":"x","currency":"EUR","limit":"1"}]}', '{"settings":{"__proto__":{"isAdmin":true}}}'];
const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "application/json; charset=latin1", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/problem+json", "", "APPLICATION/JSON", "application/jsonx"];

const allRoutes: readonly Pick<RouteCase, "method" | "template">[] = [...ROUTE_CASES, ...PUBLIC_ROUTES];
const jsonOf = (route: Pick<RouteCase, "method" | "template">, target: OwnedData): unknown =>
  ROUTE_CASES.find((c) => c.method === route.method && c.template === route.template)?.json?.(target);

const id = fc.oneof(fc.constantFrom(...ODD_IDS), fc.string({ unit: "grapheme", maxLength: 40 }), fc.constant("real"), fc.stringMatching(/^[0-9A-Z]{26}$/));
const queryValue = fc.oneof(fc.constantFrom(...ODD_VALUES), fc.string({ unit: "grapheme", maxLength: 20 }), fc.integer().map(String));
const query = fc.array(fc.tuple(fc.constantFrom("from", "to", "category", "q", "limit", "cursor", "__proto__", "constructor[prototype]", "userId", "x"), queryValue), { maxLength: 5 });
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const headers = fc.record(
  {
    "content-type": fc.constantFrom(...CONTENT_TYPES),
    "if-match": fc.oneof(fc.constantFrom('"1"', '"2"', "*", 'W/"1"', '"x"', '"99999999999999999999"'), headerValue),
    "idempotency-key": headerValue,
    "x-request-id": headerValue,
    "content-length": fc.constantFrom("0", "-1", "abc", "99999999999", "1"),
    "x-http-method-override": fc.constantFrom("DELETE", "PUT", "GET"),
  },
  { requiredKeys: [] },
);
/** What the body becomes for the route: a mutation of its valid body, other JSON, polluting keys, or not JSON. */
const body = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "valid" as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("mutated" as const), field: fc.string({ maxLength: 12 }), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...ODD_VALUES), fc.double().map(String), fc.bigInt().map(String)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("json" as const), value: fc.jsonValue({ maxDepth: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("raw" as const), text: fc.oneof(fc.constantFrom(...POLLUTION, "{", "[1,", "nul", '{"a":1}{"b":2}', "1e999999", "\uFEFF{}"), fc.string({ maxLength: 200 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bytes" as const), bytes: fc.uint8Array({ maxLength: 200 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
);
const fuzzCase = fc.record({
  route: fc.constantFrom(...allRoutes),
  user: fc.nat({ max: USERS - 1 }),
  auth: fc.oneof({ weight: 8, arbitrary: fc.constant("valid" as const) }, { weight: 1, arbitrary: fc.constantFrom("none" as const, "garbage" as const) }),
  id,
  query,
  headers,
  body,
  hasJsonType: fc.boolean(),
});
type FuzzCase = typeof fuzzCase extends fc.Arbitrary<infer T> ? T : never;

function bodyOf(c: FuzzCase, target: OwnedData): BodyInit | undefined {
  switch (c.body.kind) {
    case "none":
      return undefined;
    case "raw":
      return c.body.text;
    case "bytes":
      return new Uint8Array(c.body.bytes);
    case "json":
      return JSON.stringify(c.body.value);
    case "valid":
      return JSON.stringify(jsonOf(c.route, target) ?? {});
    case "mutated": {
      const base = jsonOf(c.route, target);
      const record = typeof base === "object" && base !== null ? { ...base } : {};
      return JSON.stringify({ ...record, [c.body.field]: c.body.value });
    }
  }
}

function requestOf(c: FuzzCase): { request: Request; id: string } {
  const target = targets[c.user];
  if (!target) throw new Error(`no fuzz user ${c.user}`);
  const itemId = c.id === "real" ? target.expense.id : c.id;
  // "", "." and ".." never reach a route through a URL (empty segment, dot segments): the param carries them as such.
  const segment = /^\.{0,2}$/.test(itemId) ? "_" : encodeURIComponent(itemId);
  const url = new URL(`http://localhost${c.route.template.replace("{id}", segment)}`);
  for (const [key, value] of c.query) url.searchParams.append(key, value);
  const headers = new Headers(c.headers);
  if (c.hasJsonType) headers.set("content-type", "application/json");
  if (c.auth === "valid") headers.set("authorization", `Bearer ${target.user.accessToken}`);
  if (c.auth === "garbage") headers.set("authorization", "Bearer e30.e30.e30");
  const hasBody = c.route.method !== "GET" && c.route.method !== "HEAD";
  return { request: new Request(url, { method: c.route.method, headers, body: hasBody ? bodyOf(c, target) : undefined }), id: itemId };
}

/**
 * What is wrong with an answer, or undefined: never a 5xx, every refusal a problem+json saying its status,
 * and every answer one the OpenAPI document describes for the route.
 */
async function flawOf(route: Pick<RouteCase, "method" | "template">, response: Response): Promise<string | undefined> {
  const text = await response.text();
  if (response.status >= 500) return `status ${response.status}: ${text.slice(0, 200)}`;
  const isProblem = response.headers.get("content-type") === PROBLEM_CONTENT_TYPE;
  if (response.status >= 300 && !isProblem) return `status ${response.status} as ${response.headers.get("content-type")}`;
  const body: unknown = text === "" ? undefined : /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : text;
  if (isProblem && (typeof body !== "object" || body === null || !("status" in body) || body.status !== response.status)) return `problem ${text.slice(0, 200)}`;
  const violations = contractViolations({ method: route.method, path: route.template, response, body });
  return violations.length > 0 ? `${response.status}: ${violations.join("; ")}` : undefined;
}

describe(`${REQUESTS} fuzzed requests across every route`, () => {
  it("get no 5xx, every non-2xx is problem+json, and every answer is one the OpenAPI document describes", async () => {
    const cases = fc.sample(fuzzCase, { seed: SEED, numRuns: REQUESTS });
    const flaws: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    async function worker() {
      for (let i = next++; i < cases.length; i = next++) {
        const c = cases[i];
        if (!c) continue;
        const { request, id } = requestOf(c);
        const { response } = await dispatch(request, id);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const flaw = await flawOf(c.route, response);
        if (flaw) flaws.push(`${c.route.method} ${request.url} (case ${i}): ${flaw}`);
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(flaws).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    // The fuzz reached the handlers' work, not only their front doors: successes and refusals of several kinds.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 201, 204, 400, 401, 404, 415, 422]));
    expect(statuses.get(429)).toBeUndefined();
    // Prototype pollution through a body would show here, in this process.
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(Object.prototype).not.toHaveProperty("isAdmin");
  });
});
