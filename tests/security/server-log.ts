/**
 * Lines of the store's output that say something went wrong on its side: a 5xx in the
 * request log, or an error the store logged (handleError logs what a loader or action
 * threw). The log is one JSON object per line (app/utils/log.server.ts, ADR 053); a line
 * that is not JSON and looks like a stack trace counts too (something printed past the log).
 */
export function serverLogProblems(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => {
      if (!line.startsWith("{")) return /^\s*(\w*Error|at) /.test(line);
      try {
        const entry = JSON.parse(line) as { level?: string; status?: number };
        return entry.level === "error" || (entry.status ?? 0) >= 500;
      } catch {
        return false;
      }
    })
    .slice(0, 50);
}
