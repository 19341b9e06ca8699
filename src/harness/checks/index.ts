/**
 * The check catalogue, derived from the check files: one file per id prefix (`paging.ts` holds every
 * `paging.*` check), each exporting `checks` through `defineChecks`. Nothing here lists ids by hand:
 * {@link CheckId} and {@link CHECK_IDS} come from the checks. A test asserts that every file of this
 * folder is one of the modules below and that each file holds exactly the checks of its prefix.
 * @internal
 */
import type { Check } from "../Check.js";
import * as argumentsFile from "./arguments.js";
import * as attachments from "./attachments.js";
import * as concurrency from "./concurrency.js";
import * as cursor from "./cursor.js";
import * as del from "./delete.js";
import * as flows from "./flows.js";
import * as ids from "./ids.js";
import * as isolation from "./isolation.js";
import * as itemAdd from "./item-add.js";
import * as itemLoad from "./item-load.js";
import * as itemSave from "./item-save.js";
import * as missingThread from "./missing-thread.js";
import * as model from "./model.js";
import * as order from "./order.js";
import * as paging from "./paging.js";
import * as roundtrip from "./roundtrip.js";
import * as scope from "./scope.js";
import * as threadSave from "./thread-save.js";

/** Every check file, in catalogue order (the plan sorts by kind within it). */
export const CHECK_FILES = {
  ids,
  roundtrip,
  isolation,
  order,
  paging,
  cursor,
  arguments: argumentsFile,
  scope,
  "thread-save": threadSave,
  "item-add": itemAdd,
  "item-save": itemSave,
  "item-load": itemLoad,
  delete: del,
  "missing-thread": missingThread,
  attachments,
  flows,
  concurrency,
  model,
} as const;

type Files = typeof CHECK_FILES;
/** The id of a check of this harness: derived from the checks, so a typo in `skip` or `only` is a type error. */
export type CheckId = { [F in keyof Files]: Files[F]["checks"][number]["id"] }[keyof Files];

const KIND_RANK: Record<Check["kind"], number> = { example: 0, property: 1, concurrency: 2, model: 3 };

/** Every check, in the order reports list them: cheap examples first, then properties, concurrency and models. */
export const ALL_CHECKS: readonly Check<CheckId>[] = Object.values(CHECK_FILES)
  .flatMap((file): readonly Check<CheckId>[] => file.checks)
  .map((check, index) => ({ check, index }))
  .sort((a, b) => KIND_RANK[a.check.kind] - KIND_RANK[b.check.kind] || a.index - b.index)
  .map(({ check }) => check);

/** Every check id, once, in plan order. */
export const CHECK_IDS: readonly CheckId[] = ALL_CHECKS.map((check) => check.id);
