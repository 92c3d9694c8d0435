// What the CSV and XLSX writers share: formulas defused in text, a client that may go
// away mid-download, and a turn of the event loop between chunks.

/**
 * Text a spreadsheet would run as a formula (= + - @, or a leading tab or CR), defused with
 * a ' in front. Not only at the start: Excel in a locale whose list separator is ";", or a
 * paste that splits on tabs, cuts `牦牛;=HYPERLINK(…)` into cells of its own, so every
 * formula sign after `,` `;` or a tab (spaces between do not hide it) is defused too.
 */
export function defuseFormula(text: string): string {
  const defused = text.replace(/([,;\t])(\s*)(?=[=+\-@])/g, "$1$2'");
  return /^\s*[=+\-@]|^[\t\r]/.test(defused) ? `'${defused}` : defused;
}

export interface StreamOptions {
  /** Stops reading rows when the client goes away. */
  signal?: AbortSignal;
}

/** Lets queued I/O run before more rows are made. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
