/**
 * Exiting after the report. A store can leave something open (a pool, a socket, a timer) that keeps
 * Node.js running after the last check; the CLI then waits a short grace period, names what is still
 * open, and exits with the report's exit code.
 * @internal
 */

/** What each resource kind of `process.getActiveResourcesInfo()` is, in words. */
const KINDS: Readonly<Record<string, string>> = {
  TCPSocketWrap: "an open TCP socket (a database client or pool?)",
  TLSWrap: "an open TLS socket (a database client or pool?)",
  TCPServerWrap: "a listening TCP server",
  PipeWrap: "an open pipe or Unix socket (a database client on a local socket?)",
  PipeServerWrap: "a listening Unix socket server",
  UDPWrap: "an open UDP socket",
  Timeout: "a timer (setInterval, or a setTimeout that has not fired)",
  Immediate: "a setImmediate callback that keeps rescheduling itself",
  FSEventWrap: "a file watcher (fs.watch)",
  StatWatcher: "a file watcher (fs.watchFile)",
  ProcessWrap: "a child process",
  TTYWrap: "a terminal stream",
  SignalWrap: "a signal handler",
  MessagePort: "a MessagePort or worker",
  Worker: "a worker thread",
  GetAddrInfoReqWrap: "a DNS lookup in progress",
  FSReqCallback: "a file system operation in progress",
  FSReqPromise: "a file system operation in progress",
  FileHandle: "an open file handle",
  HTTPClientAsyncResource: "an HTTP request in progress",
  ZlibWrap: "a compression stream",
};

/** Describes resource kinds in words, once per kind, with a count when there are several. */
export function describeResources(kinds: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${KINDS[kind] ?? `a ${kind} resource`}${n > 1 ? ` (${n} of them)` : ""}`);
}

/** What keeps the process alive now, apart from this process's own stdin, stdout and stderr. */
export function lingeringResources(): string[] {
  const kinds = process.getActiveResourcesInfo();
  // stdio shows up as PipeWrap (a pipe) or TTYWrap (a terminal); take out one entry per stdio stream
  // that is still an active handle, so a store's own Unix socket is still reported.
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  for (const stream of [process.stdin, process.stdout, process.stderr]) {
    if (!handles.includes(stream)) continue;
    const at = kinds.findIndex((k) => k === "PipeWrap" || k === "TTYWrap");
    if (at >= 0) kinds.splice(at, 1);
  }
  return kinds;
}

/** How long the CLI waits for the event loop to empty after the report before it names what is open. */
export const EXIT_GRACE_MS = 1_000;

/**
 * Sets the exit code and lets the process end by itself; when something still keeps it alive after
 * `graceMs` (an unref'd timer, so it never keeps the process alive itself), names it on stderr and exits.
 */
export function exitAfterReport(code: number, graceMs = EXIT_GRACE_MS): void {
  process.exitCode = code;
  const timer = setTimeout(() => {
    const open = describeResources(lingeringResources());
    const what = open.length ? open.map((d) => `  - ${d}`).join("\n") : "  - something Node.js does not name";
    process.stderr.write(
      `\nchatkit-testkit: the checks are done, but ${graceMs / 1000} s later the process was still kept alive by:\n${what}\n` +
        "Close what your store opens in destroyStore(store) (after each store) or teardown() (once per run).\n" +
        `Exiting now with code ${code}.\n`,
    );
    process.exit(code);
  }, graceMs);
  timer.unref();
}
