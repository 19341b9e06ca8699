/**
 * Loads the store module given to `chatkit-testkit check <module>`.
 *
 * TypeScript (and JavaScript that imports TypeScript or uses tsconfig path aliases) loads through the
 * tsx installed in the USER's project: it is resolved from the current directory, then from the
 * module's directory, never bundled into this package (tsup.config.ts keeps it external), and both of
 * its loaders are registered (ESM hooks for `import`, CommonJS hooks for `.cts`/`.cjs` and `require`).
 * tsx reads the tsconfig.json of the current directory (or `TSX_TSCONFIG_PATH`), so `paths` aliases
 * resolve as they do in the project. Plain `.js`/`.mjs`/`.cjs` needs nothing when tsx is absent.
 * @internal
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ConformanceOptions } from "../harness/runChecks.js";

/** A problem the user fixes by changing the command line or the project; exit code 2. */
export class UsageError extends Error {}

/** The tsx found in the user's project. */
export interface FoundTsx {
  /** The package directory. */
  readonly dir: string;
  readonly version: string;
  /**
   * `tsx/esm/api` as ESM (its CommonJS build computes the hooks' URL wrongly and fails to register)
   * and `tsx/cjs/api` as CommonJS (it patches require, which ESM importing `.cts` also goes through).
   */
  readonly esmApi: string;
  readonly cjsApi: string;
}

const TYPESCRIPT = /\.[cm]?tsx?$/i;

/** The file a package `exports` entry names under `conditions` (Node's algorithm: keys in order, first match). */
function exportTarget(entry: unknown, conditions: readonly string[]): string | undefined {
  if (typeof entry === "string") return entry;
  if (Array.isArray(entry)) {
    for (const e of entry) {
      const found = exportTarget(e, conditions);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (entry === null || typeof entry !== "object") return undefined;
  for (const [key, value] of Object.entries(entry)) {
    if (!conditions.includes(key)) continue;
    const found = exportTarget(value, conditions);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Finds tsx from each directory in turn (the current directory first); null when none has it. */
export function findTsx(fromDirs: readonly string[]): FoundTsx | null {
  for (const from of fromDirs) {
    const require = createRequire(pathToFileURL(join(from, "__chatkit_testkit__.cjs")));
    let pkgJson: string;
    try {
      pkgJson = require.resolve("tsx/package.json");
    } catch {
      continue;
    }
    const dir = dirname(pkgJson);
    const manifest = JSON.parse(readFileSync(pkgJson, "utf8")) as { version?: unknown; exports?: Record<string, unknown> };
    const version = String(manifest.version ?? "?");
    const esm = exportTarget(manifest.exports?.["./esm/api"], ["node", "import", "default"]);
    let cjsApi: string | undefined;
    try {
      cjsApi = require.resolve("tsx/cjs/api");
    } catch {
      cjsApi = undefined;
    }
    if (esm === undefined || cjsApi === undefined) {
      throw new UsageError(`the tsx in ${dir} (version ${version}) has no tsx/esm/api or tsx/cjs/api: install a newer one (npm install -D tsx@latest)`);
    }
    return { dir, version, esmApi: join(dir, esm), cjsApi };
  }
  return null;
}

/**
 * Marks an error the CLI has shown. Node.js can reject a second, unawaited promise with the same
 * loader error (a CommonJS file required from ESM that fails to resolve); bin.ts ignores that copy.
 */
export const REPORTED = Symbol.for("chatkit-testkit.reported");

function markReported(error: unknown): void {
  if (error !== null && typeof error === "object") {
    try {
      Object.defineProperty(error, REPORTED, { value: true });
    } catch {
      // a frozen error: it may be printed twice, nothing worse
    }
  }
}

const registered = new Set<string>();

/** Registers tsx's ESM and CommonJS loaders in this process (once per tsx copy). */
async function registerTsx(tsx: FoundTsx): Promise<void> {
  if (registered.has(tsx.dir)) return;
  const require = createRequire(tsx.cjsApi);
  try {
    ((await import(pathToFileURL(tsx.esmApi).href)) as { register(): unknown }).register();
    (require(tsx.cjsApi) as { register(): unknown }).register();
  } catch (error) {
    markReported(error);
    throw new UsageError(`could not register tsx ${tsx.version} (${tsx.dir}):\n${indentError(error)}`);
  }
  registered.add(tsx.dir);
}

/** An error's full text (message and stack, then its causes), every line indented. */
export function indentError(error: unknown, indent = "    "): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    let text: string;
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      const head = `${current.name}${code !== undefined ? ` [${String(code)}]` : ""}: ${current.message}`;
      // V8's stack already starts with "Name [code]: message" (after a source excerpt for syntax errors).
      const stack = current.stack ?? "";
      text = (stack && stack.includes(current.message) ? stack : `${head}${stack ? `\n${stack}` : ""}`).trimEnd();
      current = (current as { cause?: unknown }).cause;
    } else {
      text = String(current);
      current = undefined;
    }
    lines.push(...(depth > 0 ? [`caused by: ${text}`] : [text]).flatMap((t) => t.split("\n")));
  }
  return lines.map((l) => `${indent}${l}`).join("\n");
}

function describeLoader(tsx: FoundTsx | null): string {
  return tsx ? `through tsx ${tsx.version} from ${tsx.dir}` : "by Node.js itself: tsx is not installed";
}

/** The conformance options a loaded module offers: named exports, or one object (default, `conformance`, CommonJS `module.exports`). */
function pickOptions(mod: Record<string, unknown>, exportName: string | undefined, spec: string): ConformanceOptions<unknown> {
  const hasFactory = (v: unknown): v is ConformanceOptions<unknown> => v !== null && typeof v === "object" && typeof (v as { createStore?: unknown }).createStore === "function";
  const cjs = (mod.default ?? null) as Record<string, unknown> | null;
  if (exportName !== undefined) {
    const value = mod[exportName] ?? (cjs && typeof cjs === "object" ? cjs[exportName] : undefined);
    if (value === undefined) throw new UsageError(`${spec} has no export named "${exportName}"`);
    if (!hasFactory(value)) throw new UsageError(`the export "${exportName}" of ${spec} must be an options object with createStore()`);
    return value;
  }
  const candidates: unknown[] = [mod, cjs, mod.conformance];
  if (cjs && typeof cjs === "object") candidates.push(cjs.default, cjs.conformance);
  const found = candidates.find(hasFactory);
  if (found) return found;
  const names = Object.keys(mod).filter((k) => k !== "default" || typeof mod.default !== "object" || mod.default === null);
  const cjsNames = cjs && typeof cjs === "object" ? Object.keys(cjs).filter((k) => k !== "__esModule" && !names.includes(k)) : [];
  const all = [...names, ...cjsNames];
  throw new UsageError(`${spec} must export createStore() (or an options object with createStore as its default export); exports: ${all.join(", ") || "none"}`);
}

/**
 * Loads the module at `spec` (a path, relative to `cwd`): through the tsx of the user's project when there
 * is one, else by Node.js itself.
 * @throws {UsageError} with the install command when a TypeScript module needs tsx and it is not
 *   installed, and with the loader's own error (message and stack, indented) when loading fails.
 */
export async function loadModule(spec: string, options: { cwd?: string } = {}): Promise<Record<string, unknown>> {
  const cwd = options.cwd ?? process.cwd();
  const path = resolve(cwd, spec);
  if (!existsSync(path)) throw new UsageError(`module not found: ${path}`);
  const searched = [...new Set([cwd, dirname(path)])];
  const tsx = findTsx(searched);
  if (tsx) await registerTsx(tsx);
  else if (TYPESCRIPT.test(path)) {
    throw new UsageError(
      [
        `${spec} is TypeScript: loading it needs tsx, which is not installed in this project (searched from ${searched.join(" and ")}). Install it:`,
        "",
        "    npm install -D tsx",
        "",
        "and run the same command again. (A plain .js or .mjs module needs nothing.)",
      ].join("\n"),
    );
  }
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    markReported(error);
    const code = (error as { code?: unknown } | null)?.code;
    const hint =
      !tsx && code === "ERR_UNKNOWN_FILE_EXTENSION"
        ? "\n\nIt imports a file Node.js cannot load on its own (TypeScript?): install tsx (npm install -D tsx) and run it again."
        : "";
    throw new UsageError(`could not load ${spec} (${describeLoader(tsx)}):\n${indentError(error)}${hint}`);
  }
}

/**
 * Loads `spec` (a path, relative to `cwd`) and returns its conformance options.
 * @throws {UsageError} as {@link loadModule}, and when the module offers no `createStore`
 */
export async function loadStoreModule(spec: string, options: { exportName?: string; cwd?: string } = {}): Promise<ConformanceOptions<unknown>> {
  const mod = await loadModule(spec, options.cwd === undefined ? {} : { cwd: options.cwd });
  return pickOptions(mod, options.exportName, spec);
}
