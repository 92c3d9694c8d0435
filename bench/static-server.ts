// The baseline: the catalogue page's exact bytes from a bare node:http server in its own
// process, as fast as Node serves anything. "% of static" compares the store with this, so
// the bench's own overhead on the same machine (autocannon, loopback) cancels out.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface StaticServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

const THIS_FILE = fileURLToPath(import.meta.url);

/** Starts the baseline serving `bytes` with `contentType` at every path. */
export async function startStaticServer(bytes: Buffer, contentType: string): Promise<StaticServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-static-"));
  const file = path.join(dir, "page.html");
  fs.writeFileSync(file, bytes);
  const child = spawn(process.execPath, ["--import", "tsx", THIS_FILE, file, contentType], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await gone;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await portOf(child);
    return { baseUrl: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The port the child prints once it listens. */
function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("static baseline: no port in 15 s")), 15_000);
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const match = out.match(/listening (\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`static baseline exited (code ${code}) before listening`));
    });
  });
}

function serve(file: string, contentType: string) {
  const body = fs.readFileSync(file);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    if (address && typeof address !== "string") console.log(`listening ${address.port}`);
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => process.exit(0));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === THIS_FILE) {
  const [file, contentType] = process.argv.slice(2);
  if (!file || !contentType) throw new Error("usage: static-server.ts FILE CONTENT_TYPE");
  serve(file, contentType);
}
