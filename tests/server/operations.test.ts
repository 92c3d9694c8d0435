// The server's pieces for running in a fleet that need no server (ADR 053): which request
// id a request gets, and which route label its metrics carry.
import { describe, expect, it, vi } from "vitest";
import { requestIdOf } from "../../server/request-id.js";
import { STATIC, UNMATCHED, routeLabeller } from "../../server/route-label.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdOf", () => {
  it("keeps a sane id from a trusted proxy", () => {
    expect(requestIdOf("edge-7f3a.42_X", true)).toBe("edge-7f3a.42_X");
    expect(requestIdOf("a".repeat(64), true)).toBe("a".repeat(64));
  });

  it("makes a new one when the proxy is not trusted, or the id is odd, long or missing", () => {
    expect(requestIdOf("edge-7f3a", false)).toMatch(UUID);
    for (const odd of ["a".repeat(65), "", "has space", "x\ny", "<script>", "a/b", "é"]) {
      expect(requestIdOf(odd, true), odd).toMatch(UUID);
    }
    expect(requestIdOf(undefined, true)).toMatch(UUID);
    expect(requestIdOf(["one", "two"], true)).toMatch(UUID);
    expect(requestIdOf(undefined, true)).not.toBe(requestIdOf(undefined, true));
  });
});

describe("routeLabeller", () => {
  // the shape of the build's `routes` (remix build), a few of Shanhai's own
  const manifest = {
    root: { id: "root", path: "" },
    "routes/_index": { id: "routes/_index", parentId: "root", index: true },
    "routes/products._index": { id: "routes/products._index", parentId: "root", path: "products", index: true }, // prettier-ignore
    "routes/products.$slug": { id: "routes/products.$slug", parentId: "root", path: "products/:slug" }, // prettier-ignore
    "routes/aid": { id: "routes/aid", parentId: "root", path: "aid" },
    "routes/aid._index": { id: "routes/aid._index", parentId: "routes/aid", index: true },
    "routes/aid.export[.csv]": { id: "routes/aid.export[.csv]", parentId: "routes/aid", path: "export.csv" }, // prettier-ignore
    "routes/orders.$number": { id: "routes/orders.$number", parentId: "root", path: "orders/:number" }, // prettier-ignore
    "routes/$": { id: "routes/$", parentId: "root", path: "*" },
  };
  const label = routeLabeller(manifest);

  it("names the deepest route that answers, never the path", () => {
    expect(label("/")).toBe("routes/_index");
    expect(label("/products?q=牦牛&page=2")).toBe("routes/products._index");
    expect(label("/products/barley-noodles")).toBe("routes/products.$slug");
    expect(label("/products/another-one?_data=routes%2Fproducts.%24slug")).toBe(
      "routes/products.$slug",
    );
    expect(label("/orders/SH-20261201-AB12?token=secret")).toBe("routes/orders.$number");
    expect(label("/aid")).toBe("routes/aid._index");
    expect(label("/aid/export.csv?period=year")).toBe("routes/aid.export[.csv]");
  });

  it("puts files and unknown paths under two fixed labels", () => {
    expect(label("/build/entry.client-ABC.js")).toBe(STATIC);
    expect(label("/favicon.svg")).toBe(STATIC);
    expect(label("/no/such/page")).toBe(UNMATCHED);
    expect(label("/wp-admin/setup.php")).toBe(STATIC);
    const labels = new Set(Array.from({ length: 200 }, (_, i) => label(`/random-${i}/x?y=${i}`)));
    expect([...labels]).toEqual([UNMATCHED]);
  });

  it("labels a path with broken %-escapes without a word in the log", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      for (const path of ["/orders/%ZZ", "/cooperatives/%E0%A4%A", "/products/%"]) {
        expect(label(path), path).toBe(UNMATCHED);
      }
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
