/**
 * The load loops the API benchmarks share: autocannon over HTTP and concurrent loops of an SDK call, both
 * keeping every response time (so p95 is exact; autocannon reports p90/p97.5), both bounded in time.
 */
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";

export type Samples = { times: number[]; requests: number; non2xx: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs autocannon and keeps every response time. */
export function load(options: autocannon.Options): Promise<{ result: autocannon.Result; times: number[] }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ result, times })));
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

/** `connections` concurrent loops of `op` for `seconds`, each call timed: the SDK's counterpart of `load`. */
export async function loops(op: () => Promise<unknown>, connections: number, seconds: number): Promise<Samples> {
  const times: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        await op();
        times.push(performance.now() - t0);
      }
    }),
  );
  return { times, requests: times.length, non2xx: 0 };
}

/** Throughput of `connections` concurrent loops of `op` for `seconds`, after a warm-up of `warmupSeconds`. */
export async function perSecond(op: () => Promise<unknown>, connections: number, seconds: number, warmupSeconds: number): Promise<number> {
  await loops(op, connections, warmupSeconds);
  return Math.round((await loops(op, connections, seconds)).requests / seconds);
}

/** One thing measured for latency: an HTTP endpoint (autocannon) or a bare DynamoDB call (loops). */
export type Probe = { name: string; run(connections: number, seconds: number): Promise<Samples> };

export function httpProbe(name: string, url: string, headers: Record<string, string>): Probe {
  return {
    name,
    async run(connections, seconds) {
      const { result, times } = await load({ url, headers, connections, duration: seconds });
      return { times, requests: result.requests.total, non2xx: result.non2xx };
    },
  };
}

export function sdkProbe(name: string, op: () => Promise<unknown>): Probe {
  return { name, run: (connections, seconds) => loops(op, connections, seconds) };
}

export type LatencyFigures = { requests: number; requestsPerSecond: number; non2xx: number; p50Ms: number; p95Ms: number; p99Ms: number };

export type LatencySettings = { connections: number; rounds: number; seconds: number; warmupSeconds: number };

/**
 * p50/p95/p99 of every probe: a warm-up each, then `rounds` rounds interleaved across the probes (so a burst
 * of outside load hits all alike), samples pooled.
 */
export async function measureLatency(probes: Probe[], settings: LatencySettings): Promise<Record<string, LatencyFigures>> {
  const roundSeconds = Math.max(1, Math.round(settings.seconds / settings.rounds));
  for (const probe of probes) await probe.run(settings.connections, settings.warmupSeconds);
  const pooled = new Map<string, Samples>();
  // Probes that share a name pool their samples (several users' requests measured as one figure).
  const probesNamed = new Map<string, number>();
  for (const probe of probes) probesNamed.set(probe.name, (probesNamed.get(probe.name) ?? 0) + 1);
  for (let round = 0; round < settings.rounds; round++) {
    for (const probe of probes) {
      const samples = await probe.run(settings.connections, roundSeconds);
      const entry = pooled.get(probe.name) ?? { times: [], requests: 0, non2xx: 0 };
      entry.times.push(...samples.times);
      entry.requests += samples.requests;
      entry.non2xx += samples.non2xx;
      pooled.set(probe.name, entry);
    }
  }
  const figures: Record<string, LatencyFigures> = {};
  for (const [name, { times, requests, non2xx }] of pooled) {
    const sorted = times.sort((a, b) => a - b);
    figures[name] = {
      requests,
      requestsPerSecond: Math.round(requests / (roundSeconds * settings.rounds * (probesNamed.get(name) ?? 1))),
      non2xx,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
    };
  }
  return figures;
}
