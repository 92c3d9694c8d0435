// pinyin-pro computes search keys on the server (issue 12); the build fails when a browser
// file carries it. Here on esbuild's metafile shape, as `remix build` writes it.
import type { Metafile } from "esbuild";
import { expect, it } from "vitest";
import { chunksWithServerOnly } from "../../scripts/check-browser-bundle";

const output = (inputs: Record<string, number>) => ({
  bytes: 1,
  imports: [],
  exports: [],
  inputs: Object.fromEntries(
    Object.entries(inputs).map(([name, bytesInOutput]) => [name, { bytesInOutput }]),
  ),
});

it("names the browser files that hold pinyin-pro's code, and only those", () => {
  const metafile = {
    inputs: {},
    outputs: {
      "public/build/routes/products._index-A.js": output({
        "app/routes/products._index.tsx": 900,
        "node_modules/pinyin-pro/dist/esm/index.mjs": 300_000,
      }),
      // imported, then shaken out: nothing of it in the file
      "public/build/root-B.js": output({ "node_modules/pinyin-pro/dist/esm/index.mjs": 0 }),
      "public/build/entry.client-C.js": output({ "node_modules/react-dom/index.js": 100 }),
    },
  } as unknown as Metafile;
  expect(chunksWithServerOnly(metafile)).toEqual(["public/build/routes/products._index-A.js"]);
});

it("names the browser files that hold qrcode's code: certificates get their QR as SVG from the server", () => {
  const metafile = {
    inputs: {},
    outputs: {
      "public/build/routes/certificates.$code-A.js": output({
        "app/routes/certificates.$code.tsx": 900,
        "node_modules/qrcode/lib/core/qrcode.js": 20_000,
      }),
      "public/build/root-B.js": output({ "node_modules/qrcode/lib/browser.js": 0 }),
      // a package whose name merely starts the same way is not qrcode
      "public/build/routes/other-C.js": output({ "node_modules/qrcode-other/index.js": 10 }),
    },
  } as unknown as Metafile;
  expect(chunksWithServerOnly(metafile)).toEqual(["public/build/routes/certificates.$code-A.js"]);
});
