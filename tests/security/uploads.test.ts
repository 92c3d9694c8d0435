// Product pictures, uploaded as a cooperative manager through the product page's picture
// form: SVG with script, HTML named .png, a GIF/JavaScript polyglot, JPEG magic bytes in
// front of HTML, an empty file, 6 MB and 20 MB, a PNG claiming 50000×50000 pixels, a file
// name that climbs out of the folder. Each is refused (nothing stored, no file written) or,
// for a real picture carrying script after its end or in a text chunk, stored re-encoded
// as WebP with none of the script left, served as an image that nothing will sniff.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  baseUrl,
  count,
  dbFile,
  problem,
  problems,
  readDb,
  saveTally,
  watchChanges,
  type Client,
} from "./harness";
import { YAK_COOP, clientFor, ensureWorld, type World } from "./scenario";

let world: World;
let yak: Client;
let page: string;
beforeAll(async () => {
  world = await ensureWorld();
  yak = clientFor(world, "yak");
  page = `/coop/${YAK_COOP}/products/${world.product.id}`;
});
afterAll(() => saveTally(import.meta.url));
beforeEach(() => {
  problems.length = 0;
});

/** Every file under the store's data folder (the database's), for "nothing written". */
function dataFiles(): string[] {
  const root = path.dirname(dbFile());
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/\.sqlite(-wal|-shm)?$/.test(entry.name)) out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

function upload(bytes: Buffer, filename: string, type: string) {
  const body = new FormData();
  body.set("intent", "image");
  body.set("image", new File([new Uint8Array(bytes)], filename, { type }));
  return yak.send(page, { body, remember: false });
}

/** A PNG whose header claims another size (the pixels stay tiny): a decompression bomb. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#2563a8" } })
    .png()
    .toBuffer();
  // signature (8), IHDR length (4) and type (4), then width and height
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A real 800×600 PNG with a tEXt chunk holding script. */
async function pngWithScriptChunk(): Promise<Buffer> {
  const png = await sharp({
    create: { width: 800, height: 600, channels: 3, background: "#d9a425" },
  })
    .png()
    .toBuffer();
  const text = Buffer.from("Comment\0<script>alert(1)</script><html><body onload=alert(2)>");
  const chunk = Buffer.alloc(12 + text.length);
  chunk.writeUInt32BE(text.length, 0);
  chunk.write("tEXt", 4, "latin1");
  text.copy(chunk, 8);
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + text.length)), 8 + text.length);
  // after IHDR (8 + 25 bytes)
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

const SCRIPT = /<script|<svg|<html|onload=|alert\(/i;

describe("product picture uploads", () => {
  it("refuses what is not a picture, too big or a bomb, writing nothing", async () => {
    const realPng = await sharp({
      create: { width: 800, height: 600, channels: 3, background: "#fff" },
    })
      .png()
      .toBuffer();
    const cases: Array<[string, Buffer, string, string]> = [
      [
        "SVG with script",
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" onload="alert(1)"><script>alert(2)</script></svg>',
        ),
        "picture.svg",
        "image/svg+xml",
      ],
      [
        "HTML named .png",
        Buffer.from("<!doctype html><html><script>alert(1)</script></html>"),
        "picture.png",
        "image/png",
      ],
      [
        "GIF/JavaScript polyglot",
        Buffer.from("GIF89a/*\x00\x00*/=1;alert(document.domain)//<svg onload=alert(1)>"),
        "picture.png",
        "image/png",
      ],
      [
        "JPEG magic then HTML",
        Buffer.concat([
          Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
          Buffer.from("<html><script>alert(1)</script>"),
        ]),
        "picture.jpg",
        "image/jpeg",
      ],
      [
        "PNG magic then HTML",
        Buffer.concat([realPng.subarray(0, 8), Buffer.from("<html><script>alert(1)</script>")]),
        "picture.png",
        "image/png",
      ],
      ["an empty file", Buffer.alloc(0), "picture.png", "image/png"],
      [
        "6 MB",
        Buffer.concat([realPng, Buffer.alloc(6 * 1024 * 1024, 1)]),
        "picture.png",
        "image/png",
      ],
      ["a PNG claiming 50000×50000", await pngClaiming(50_000, 50_000), "bomb.png", "image/png"],
      [
        "a PNG claiming 2^31×2^31",
        await pngClaiming(2 ** 31 - 1, 2 ** 31 - 1),
        "bomb.png",
        "image/png",
      ],
      [
        "too small to show",
        await sharp({ create: { width: 40, height: 30, channels: 3, background: "#000" } })
          .png()
          .toBuffer(),
        "tiny.png",
        "image/png",
      ],
    ];
    const files = dataFiles();
    const image = () =>
      readDb((db) =>
        db.prepare("select image from products where id = ?").pluck().get(world.product.id),
      );
    const before = image();
    const watcher = watchChanges();
    for (const [name, bytes, filename, type] of cases) {
      const answer = await upload(bytes, filename, type);
      count("upload");
      if (answer.status < 400 || answer.status >= 500)
        problem(`${name}: answered ${answer.status}`);
    }
    // 20 MB: refused from the declared length, before the body is read
    const big = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${baseUrl()}${page}`, {
        method: "POST",
        headers: {
          Origin: baseUrl(),
          Cookie: yak.cookieHeader(),
          "Content-Type": "multipart/form-data; boundary=x",
          "Content-Length": String(20 * 1024 * 1024),
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", (e: NodeJS.ErrnoException) =>
        e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e),
      );
      req.write(Buffer.alloc(256 * 1024));
    });
    count("upload");
    expect(big).toBe(413);
    expect(watcher.changedSince()).toEqual([]);
    watcher.close();
    expect(image()).toBe(before);
    expect(dataFiles()).toEqual(files);
    expect(problems).toEqual([]);
  });

  it("re-encodes a real picture carrying script, and serves only the image", async () => {
    const trailing = Buffer.concat([
      await sharp({ create: { width: 800, height: 600, channels: 3, background: "#2563a8" } })
        .png()
        .toBuffer(),
      Buffer.from("<html><script>alert(1)</script></html>"),
    ]);
    const outside = path.join(path.dirname(dbFile()), "..");
    const filesOutside = fs.readdirSync(outside).length;
    for (const [name, bytes, filename] of [
      ["script after the end of a PNG", trailing, "picture.png.html"],
      ["script in a PNG text chunk", await pngWithScriptChunk(), "../../../../etc/passwd.png"],
    ] as const) {
      const answer = await upload(bytes, filename, "text/html");
      count("upload");
      expect(answer.status, name).toBe(302);
      const url = readDb((db) =>
        db.prepare("select image from products where id = ?").pluck().get(world.product.id),
      ) as string;
      expect(url).toMatch(/^\/media\/[a-f0-9]{32}\/800\.webp$/);
      for (const file of ["400.webp", "800.webp"]) {
        const served = await yak.send(url.replace("800.webp", file));
        expect(served.status).toBe(200);
        expect(served.headers.get("Content-Type")).toBe("image/webp");
        expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
        expect(served.headers.get("Content-Security-Policy")).toBe("default-src 'none'");
        expect(served.bytes.subarray(0, 4).toString("latin1")).toBe("RIFF");
        expect(served.bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
        if (SCRIPT.test(served.bytes.toString("latin1")))
          problem(`${name}: ${file} still carries script`);
      }
    }
    // the file name went nowhere
    expect(fs.readdirSync(outside).length).toBe(filesOutside);
    expect(problems).toEqual([]);
  });
});
