/** The load settings the API benchmarks share; BENCH_* variables shorten a run for a quick check. */
export const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 12);
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3);
/** Throughput runs use enough connections to saturate 2 cores; latency runs few, so p95 is service time, not queueing. */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
export const LATENCY_CONNECTIONS = Number(process.env.BENCH_LATENCY_CONNECTIONS ?? 2);
/** Latency rounds per endpoint and size, interleaved across endpoints so a burst of outside load hits all alike. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
export const LATENCY = { connections: LATENCY_CONNECTIONS, rounds: ROUNDS, seconds: DURATION_SECONDS, warmupSeconds: WARMUP_SECONDS };
