// The access log, written in batches: process.stdout is synchronous on Linux when it is a
// pipe or a file, so a write per request costs a system call on the request's path.
const FLUSH_MS = 250;
const FLUSH_BYTES = 64 * 1024;

/** A stream for morgan that gathers lines and writes them out together. */
export function batchedStdout(out = process.stdout) {
  let pending = [];
  let bytes = 0;
  const flush = () => {
    if (pending.length === 0) return;
    out.write(pending.join(""));
    pending = [];
    bytes = 0;
  };
  setInterval(flush, FLUSH_MS).unref();
  process.once("exit", flush);
  return {
    write(line) {
      pending.push(line);
      bytes += line.length;
      if (bytes >= FLUSH_BYTES) flush();
    },
    flush,
  };
}
