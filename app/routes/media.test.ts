// The picture route serves from the configured file store (the database by default, ADR
// 054): a picture uploaded through one app server's connection is served by another's.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, databaseTarget, type DB } from "#db/connection";
import { onPostgresSuite } from "#tests/pg";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createUser } from "#tests/factories/users";
import { Browser, call } from "#tests/http";
import { saveProductImage } from "~/domain/coop/images.server";
import { getDb } from "~/utils/db.server";
import * as media from "./media.$key.$file";

let otherServer: DB;
let coopId: number;
let productId: number;
let managerId: number;

beforeAll(async () => {
  const db = await getDb(); // this server's connection, migrated
  otherServer = createDatabase(databaseTarget());
  coopId = (await createBasicCatalog(db)).datong;
  productId = await createProduct(db, { cooperativeId: coopId });
  managerId = await createUser(db, { role: "coop_manager", cooperativeIds: [coopId] });
});
afterAll(() => otherServer.destroy());

const get = (key: string, file: string) =>
  call(media.loader, new Browser().get(`/media/${key}/${file}`), { key, file });

describe("/media/:key/:file", () => {
  it("serves a picture another server stored, for a year, from the database", async () => {
    const png = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: "#4a8" },
    })
      .png()
      .toBuffer();
    const { key } = await saveProductImage(otherServer, {
      cooperativeId: coopId,
      productId,
      bytes: png,
      actor: { id: managerId, name: "马经理" },
    });
    const row = await otherServer
      .selectFrom("stored_files")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(2); // both sizes, in the table (no folder needed)

    const served = await get(key, "800.webp");
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/webp");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const body = Buffer.from(await served.arrayBuffer());
    expect(served.headers.get("Content-Length")).toBe(String(body.byteLength));
    const meta = await sharp(body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 800, 600]);
  });

  // a SQLite store's folder (a PostgreSQL store never had one)
  it.skipIf(onPostgresSuite)(
    "still serves a picture an older store wrote to the folder beside its database",
    async () => {
      const key = "c".repeat(32);
      const folder = path.join(path.dirname(process.env.DATABASE_PATH!), "uploads", key);
      fs.mkdirSync(folder, { recursive: true });
      const webp = await sharp({
        create: { width: 400, height: 300, channels: 3, background: "#a84" },
      })
        .webp()
        .toBuffer();
      fs.writeFileSync(path.join(folder, "400.webp"), webp);
      const served = await get(key, "400.webp");
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(webp)).toBe(true);
      // copied in: another server, which never had the folder, finds it in the table
      fs.rmSync(folder, { recursive: true });
      const copied = await otherServer
        .selectFrom("stored_files")
        .select("bytes")
        .where("key", "=", key)
        .where("file", "=", "400.webp")
        .executeTakeFirst();
      expect(copied && Buffer.from(copied.bytes).equals(webp)).toBe(true);
      expect((await get(key, "400.webp")).status).toBe(200);
    },
  );

  it("answers 404, not cached, for a key never stored or a size not made", async () => {
    for (const [key, file] of [
      ["d".repeat(32), "400.webp"],
      ["c".repeat(32), "1600.webp"],
      ["..", "400.webp"],
    ] as const) {
      const response = await get(key, file);
      expect(response.status).toBe(404);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
    }
  });
});
