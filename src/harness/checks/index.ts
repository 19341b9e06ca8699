import type { Check } from "../Check.js";
import { argumentChecks } from "./arguments.js";
import { attachmentChecks } from "./attachments.js";
import { concurrencyChecks } from "./concurrency.js";
import { cursorChecks } from "./cursor.js";
import { deletionChecks } from "./deletion.js";
import { flowChecks } from "./flows.js";
import { idChecks } from "./ids.js";
import { isolationChecks } from "./isolation.js";
import { modelBasedChecks } from "./modelBased.js";
import { orderingChecks } from "./ordering.js";
import { pagingChecks } from "./paging.js";
import { propertyChecks } from "./properties.js";
import { roundtripChecks } from "./roundtrip.js";
import { scopeChecks } from "./scope.js";
import { upsertChecks } from "./upsert.js";

/**
 * Every check id, once. Ids are never renamed or reused; `CheckId` is the union of these, so a typo in
 * a `skip` map is a type error. (A test asserts this list matches the checks.)
 */
export const CHECK_IDS = [
  "ids.default-format",
  "ids.distinct",
  "ids.caller-ids-roundtrip",
  "roundtrip.threads",
  "roundtrip.items",
  "roundtrip.attachments",
  "isolation.mutate-after-save",
  "isolation.mutate-after-load",
  "order.by-instant",
  "order.microseconds",
  "order.not-by-id",
  "order.ties-insertion",
  "order.ties-after-delete",
  "paging.items-ties-every-limit",
  "paging.threads-ties-every-limit",
  "paging.exclusive-cursor",
  "paging.limit-equals-count",
  "cursor.unknown",
  "cursor.foreign-thread",
  "cursor.foreign-scope",
  "cursor.empty-string",
  "arguments.limit",
  "arguments.order",
  "arguments.no-upper-limit",
  "arguments.malformed-records",
  "arguments.not-found-name",
  "scope.reads",
  "scope.writes",
  "scope.attachments",
  "thread-save.upsert",
  "thread-save.ignores-items",
  "thread-save.keeps-tie-position",
  "item-add.duplicate-replaces",
  "item-add.thread-argument",
  "item-save.replace-in-place",
  "item-save.inserts-missing",
  "item-load.wrong-thread",
  "delete.thread-cascades",
  "delete.idempotent",
  "delete.item-only",
  "delete.attachments-survive-thread",
  "missing-thread.empty-page",
  "attachments.upsert",
  "attachments.not-found",
  "roundtrip.property",
  "paging.walk-property",
  "flows.retry-after-item-ties",
  "flows.client-tool-output-hidden-after",
  "concurrency.parallel-adds",
  "concurrency.parallel-mixed",
  "concurrency.interleavings",
  "model.sequences",
] as const;

/** The id of a check of this harness. */
export type CheckId = (typeof CHECK_IDS)[number];

/** Every check, in the order reports list them: cheap examples first, properties and models last. */
export const ALL_CHECKS: readonly Check[] = [
  ...idChecks,
  ...roundtripChecks,
  ...isolationChecks,
  ...orderingChecks,
  ...pagingChecks,
  ...cursorChecks,
  ...argumentChecks,
  ...scopeChecks,
  ...upsertChecks,
  ...deletionChecks,
  ...attachmentChecks,
  ...propertyChecks,
  ...flowChecks,
  ...concurrencyChecks,
  ...modelBasedChecks,
];
