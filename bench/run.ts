// Storefront latency on the demo catalogue: `npm run bench` (after `npm run build`).
// Starts the built store on loopback with a fresh database, drives each page with
// autocannon for a few seconds, and prints p50/p95/p99 and throughput from one run.
// Loopback only; bounded in time; stops by itself.
import autocannon from "autocannon";
import { startServer } from "../tests/e2e/server";

const PAGES = [
  "/",
  "/products",
  `/products?q=${encodeURIComponent("牦牛")}`,
  "/products?county=huangzhong&sort=price_asc",
  "/products/yak-shank",
  "/counties/datong",
  "/collections/green-organic-qinghai",
];
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const server = await startServer();
try {
  console.log(
    `bench: ${DURATION_S}s × ${CONNECTIONS} connections per page, against ${server.baseUrl}\n`,
  );
  console.log(
    "page".padEnd(48),
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p95 ms".padStart(8),
    "p99 ms".padStart(8),
    "non-2xx".padStart(8),
  );
  for (const page of PAGES) {
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: server.baseUrl + page, connections: CONNECTIONS, duration: DURATION_S },
        (error, r) => (error ? reject(error) : resolve(r)),
      );
      instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
    });
    times.sort((a, b) => a - b);
    console.log(
      decodeURIComponent(page).padEnd(48),
      result.requests.average.toFixed(0).padStart(8),
      percentile(times, 50).toFixed(1).padStart(8),
      percentile(times, 95).toFixed(1).padStart(8),
      percentile(times, 99).toFixed(1).padStart(8),
      String(result.non2xx).padStart(8),
    );
  }
} finally {
  await server.stop();
}
