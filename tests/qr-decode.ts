// Reads a QR code drawn by app/utils/qr-code.server.ts back to its text, the way a phone
// would: the path is painted onto a white bitmap, which jsQR then locates and decodes.
import jsQR from "jsqr";

/** The dark modules of qrcode's path ("M x y.5 h n m n 0 h n …") on a size × size grid. */
export function modulesOf(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of path.matchAll(/([Mmh])([\d.]+)(?: ([\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === "M") {
      x = n;
      y = Math.floor(Number(b));
    } else if (cmd === "m") {
      x += n;
    } else {
      for (let i = 0; i < n; i++) grid[y]![x + i] = true;
      x += n;
    }
  }
  return grid;
}

/** Decodes a drawn QR code; null when jsQR finds none. */
export function decodeQr(qr: { path: string; size: number }, pixelsPerModule = 4): string | null {
  const grid = modulesOf(qr.path, qr.size);
  const side = qr.size * pixelsPerModule;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      if (!grid[Math.floor(py / pixelsPerModule)]![Math.floor(px / pixelsPerModule)]) continue;
      const at = (py * side + px) * 4;
      rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
    }
  }
  return jsQR(rgba, side, side)?.data ?? null;
}
