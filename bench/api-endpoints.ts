import { itemsReturned } from "./items-returned";
import { httpProbe, measureLatency, type LatencyFigures, type LatencySettings, type Probe } from "./load";
import type { EndpointFigures } from "./report";

/** The read endpoints both API benchmarks measure: the list's first page, a category x month page, a year's summary. */
export const ENDPOINTS: Record<string, string> = {
  "list first page": "/api/expenses",
  "list by category and month": "/api/expenses?category=Food&from=2025-03-01&to=2025-03-31",
  "summary of a year": "/api/summary?from=2025-01-01&to=2025-12-31",
};

/**
 * p50/p95/p99 of every endpoint, each with the items or rows its response carries, and in `latency` also of the
 * `extra` probes, measured interleaved with the endpoints.
 */
export async function measureEndpoints(
  base: string,
  token: string,
  endpoints: Record<string, string>,
  settings: LatencySettings,
  extra: Probe[] = [],
): Promise<{ endpoints: Record<string, EndpointFigures>; latency: Record<string, LatencyFigures> }> {
  const headers = { authorization: `Bearer ${token}` };
  const probes = Object.entries(endpoints).map(([name, path]) => httpProbe(name, base + path, headers));
  const latency = await measureLatency([...probes, ...extra], settings);
  const figures: Record<string, EndpointFigures> = {};
  for (const [name, path] of Object.entries(endpoints)) {
    const measured = latency[name];
    if (measured) figures[name] = { ...measured, itemsReturned: await itemsReturned(base + path, token) };
  }
  return { endpoints: figures, latency };
}
