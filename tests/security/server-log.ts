/**
 * Lines of the store's output that say something went wrong on its side: a 5xx in the
 * request log (morgan "tiny": METHOD URL STATUS LENGTH - TIME ms), or an error Remix
 * logged (handleError prints what a loader or action threw).
 */
export function serverLogProblems(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => /^[A-Z]+ \S+ 5\d\d /.test(line) || /^\s*(\w*Error|at) /.test(line))
    .slice(0, 50);
}
