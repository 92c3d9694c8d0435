// QR codes drawn on the server as SVG (ADR 045): the page receives a path to draw, never
// the encoder, so no QR library ships to the browser (scripts/check-browser-bundle.ts).
import QRCode from "qrcode";

/** A QR code ready to draw: a square of `size` modules (quiet zone included), dark modules as one path. */
export interface QrSvg {
  /** the text the code holds */
  text: string;
  /** modules per side, quiet zone included: the SVG's viewBox is 0 0 size size */
  size: number;
  /** QR version (1–40), which fixes the symbol's modules per side: 17 + 4 × version */
  version: number;
  /** the dark modules as horizontal strokes one module wide (qrcode's own SVG path) */
  path: string;
}

/** The quiet zone the standard asks for around the symbol, in modules. */
export const QUIET_ZONE = 4;

// qrcode writes only these: M/m moves and h runs with integer or .5 coordinates. Checked so
// nothing but a drawing can ever reach the page's markup.
const PATH_DATA = /^(?:[Mmh]\d+(?:\.5)?(?: \d+(?:\.5)?)?)+$/;

/**
 * Encodes `text` with error correction M (about 15 % of the symbol may be lost: a fold,
 * a stamp, a smudge of toner) and returns qrcode's SVG drawing as data.
 */
export async function qrSvg(text: string): Promise<QrSvg> {
  const options = { errorCorrectionLevel: "M", margin: QUIET_ZONE } as const;
  const { version } = QRCode.create(text, options);
  const svg = await QRCode.toString(text, { ...options, type: "svg" });
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const path = /<path stroke="#000000" d="([^"]*)"/.exec(svg)?.[1] ?? "";
  if (size !== 17 + 4 * version + 2 * QUIET_ZONE || !PATH_DATA.test(path)) {
    throw new Error(`qrcode drew an SVG this module does not read (version ${version})`);
  }
  return { text, size, version, path };
}
