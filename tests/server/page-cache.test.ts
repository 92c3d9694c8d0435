// The page cache's pieces that need no server: which encoding a client gets, which inline
// scripts a shared page's policy allows, how many processes serve.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { workerCount } from "../../server/cluster.js";
import { inlineScriptHashes, pickEncoding } from "../../server/page-cache.js";

const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("base64");

describe("pickEncoding", () => {
  it("prefers brotli, then gzip, and honours q=0", () => {
    expect(pickEncoding("gzip, deflate, br")).toBe("br");
    expect(pickEncoding("gzip;q=0.8, br;q=0")).toBe("gzip");
    expect(pickEncoding("deflate")).toBeNull();
    expect(pickEncoding("gzip;q=0")).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});

describe("inlineScriptHashes", () => {
  it("hashes each inline script's exact text, skipping scripts loaded from files", () => {
    const html =
      '<script nonce="x">window.a = 1;</script><script type="module" src="/build/e.js"></script>' +
      '<script type="module" async="">import "/build/m.js";\n</script><script></script>';
    expect(inlineScriptHashes(html)).toEqual([
      sha256("window.a = 1;"),
      sha256('import "/build/m.js";\n'),
    ]);
  });
});

describe("workerCount", () => {
  it("is WEB_CONCURRENCY when set, one per core in production, else one", () => {
    expect(workerCount({ WEB_CONCURRENCY: "3" })).toBe(3);
    expect(workerCount({ WEB_CONCURRENCY: "0", NODE_ENV: "test" })).toBe(1);
    expect(workerCount({ NODE_ENV: "production" })).toBeGreaterThanOrEqual(1);
    expect(workerCount({ NODE_ENV: "development" })).toBe(1);
  });
});
