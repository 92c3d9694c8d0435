import { describe, expect, it } from "vitest";
import { decodeQr, modulesOf } from "#tests/qr-decode";
import { QUIET_ZONE, qrSvg } from "./qr-code.server";

const URL_A = "https://shop.example/certificates/SH-CERT-2026-ABCDE-FGHJK";
const URL_B = "https://shop.example/certificates/SH-CERT-2026-ABCDE-FGHJM";

describe("QR codes drawn on the server", () => {
  it("draws a code that a reader decodes back to the address", async () => {
    const qr = await qrSvg(URL_A);
    expect(decodeQr(qr)).toBe(URL_A);
    expect(qr.text).toBe(URL_A);
  });

  it("picks the version the address's length needs at error correction M, with a 4-module quiet zone", async () => {
    // 59 bytes fit version 4 at level M (62 bytes), not version 3 (42)
    const qr = await qrSvg(URL_A);
    expect(qr).toMatchObject({ version: 4, size: 33 + 2 * QUIET_ZONE });
    // a longer origin needs a bigger symbol: 80 bytes is version 5 at M (84)
    const long = await qrSvg(
      `https://shanhai-nanjing-xining.example.org/certificates/${"A".repeat(25)}`,
    );
    expect(long.version).toBe(5);
    expect(long.size).toBe(37 + 2 * QUIET_ZONE);
    // the quiet zone stays white: nothing dark on its first rows and columns
    const grid = modulesOf(qr.path, qr.size);
    for (let i = 0; i < QUIET_ZONE; i++) {
      expect(grid[i]!.some(Boolean)).toBe(false);
      expect(grid.some((row) => row[i])).toBe(false);
    }
    // the finder pattern's top-left corner starts right after it
    expect(grid[QUIET_ZONE]!.slice(QUIET_ZONE, QUIET_ZONE + 7)).toEqual(Array(7).fill(true));
  });

  it("is deterministic, and another code gives another drawing", async () => {
    const [a, again, b] = await Promise.all([qrSvg(URL_A), qrSvg(URL_A), qrSvg(URL_B)]);
    expect(again).toEqual(a);
    expect(b.path).not.toBe(a.path);
    expect(decodeQr(b)).toBe(URL_B);
  });

  it("hands over path data only: moves and runs, nothing that could be markup", async () => {
    const qr = await qrSvg(URL_A);
    expect(qr.path).toMatch(/^M4 4\.5h7/);
    expect(qr.path).toMatch(/^[Mmh\d. ]+$/);
  });
});
