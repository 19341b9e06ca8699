/**
 * The mutant catalogue: every broken store in this folder, the bug it plants, and the checks that must
 * catch it. One file per mutant (`<slug>.ts`: a default-exported subclass of {@link SimpleStore}, `bug`,
 * `expectedChecks`); catalogue.test.ts runs the whole harness against each one.
 */
import type { CheckId } from "chatkit-testkit/harness";
import type { SimpleStore } from "./SimpleStore.js";
import * as addItemDuplicates from "./add-item-duplicates.js";
import * as afterOnLastPage from "./after-on-last-page.js";
import * as attachmentInsertOnly from "./attachment-insert-only.js";
import * as cursorFromAnotherScope from "./cursor-from-another-scope.js";
import * as cursorFromAnotherThread from "./cursor-from-another-thread.js";
import * as deleteItemAnyThread from "./delete-item-any-thread.js";
import * as deleteThreadNoCascade from "./delete-thread-no-cascade.js";
import * as deleteThreadRemovesAttachments from "./delete-thread-removes-attachments.js";
import * as descTiesInsertionOrder from "./desc-ties-insertion-order.js";
import * as emptyCursorIsAnId from "./empty-cursor-is-an-id.js";
import * as hasMoreFullPage from "./has-more-full-page.js";
import * as hasMoreOffByOne from "./has-more-off-by-one.js";
import * as idGreaterThanCursor from "./id-greater-than-cursor.js";
import * as itemUnderItemThreadId from "./item-under-item-thread-id.js";
import * as limitUpperBound from "./limit-upper-bound.js";
import * as limitZeroAccepted from "./limit-zero-accepted.js";
import * as loadAttachmentUnscoped from "./load-attachment-unscoped.js";
import * as loadItemAnyThread from "./load-item-any-thread.js";
import * as lookaheadRowReturned from "./lookahead-row-returned.js";
import * as lostUpdate from "./lost-update.js";
import * as millisecondTruncation from "./millisecond-truncation.js";
import * as missingThreadThrows from "./missing-thread-throws.js";
import * as naiveAsLocalTime from "./naive-as-local-time.js";
import * as noCopyOnRead from "./no-copy-on-read.js";
import * as noCopyOnWrite from "./no-copy-on-write.js";
import * as notFoundPlainError from "./not-found-plain-error.js";
import * as orderByCreatedAtText from "./order-by-created-at-text.js";
import * as orderById from "./order-by-id.js";
import * as orderCaseInsensitive from "./order-case-insensitive.js";
import * as orderNotValidated from "./order-not-validated.js";
import * as positionFromCount from "./position-from-count.js";
import * as saveItemMoves from "./save-item-moves.js";
import * as saveItemUpdateOnly from "./save-item-update-only.js";
import * as saveThreadDeleteInsert from "./save-thread-delete-insert.js";
import * as saveThreadDeleteInsertCascade from "./save-thread-delete-insert-cascade.js";
import * as scopePrefixMatch from "./scope-prefix-match.js";
import * as shallowCopyOnRead from "./shallow-copy-on-read.js";
import * as shortIds from "./short-ids.js";
import * as strictCreatedAtCursor from "./strict-created-at-cursor.js";
import * as threadItemsPersisted from "./thread-items-persisted.js";
import * as tieBreakByText from "./tie-break-by-text.js";
import * as unknownCursorRestarts from "./unknown-cursor-restarts.js";

/** What every mutant file exports. */
export interface MutantModule {
  /** The broken store. */
  readonly default: new () => SimpleStore;
  /** The bug, in one line. */
  readonly bug: string;
  /** The checks that must catch it (each must be among the failed checks). */
  readonly expectedChecks: readonly CheckId[];
}

/** One mutant: its file name (slug), the bug, the checks that must catch it, and a factory. */
export interface Mutant {
  readonly slug: string;
  readonly bug: string;
  readonly expectedChecks: readonly CheckId[];
  create(): SimpleStore;
}

function mutant(slug: string, module: MutantModule): Mutant {
  return { slug, bug: module.bug, expectedChecks: module.expectedChecks, create: () => new module.default() };
}

/** Every mutant, grouped by the rule it breaks; the detection table keeps this order. */
export const MUTANTS: readonly Mutant[] = [
  // C-ORDER and the created_at instant
  mutant("order-by-id", orderById),
  mutant("order-by-created-at-text", orderByCreatedAtText),
  mutant("naive-as-local-time", naiveAsLocalTime),
  mutant("millisecond-truncation", millisecondTruncation),
  mutant("desc-ties-insertion-order", descTiesInsertionOrder),
  mutant("position-from-count", positionFromCount),
  // C-PAGE: cursors and pages
  mutant("strict-created-at-cursor", strictCreatedAtCursor),
  mutant("id-greater-than-cursor", idGreaterThanCursor),
  mutant("tie-break-by-text", tieBreakByText),
  mutant("has-more-full-page", hasMoreFullPage),
  mutant("has-more-off-by-one", hasMoreOffByOne),
  mutant("after-on-last-page", afterOnLastPage),
  mutant("lookahead-row-returned", lookaheadRowReturned),
  // C-CURSOR
  mutant("unknown-cursor-restarts", unknownCursorRestarts),
  mutant("cursor-from-another-thread", cursorFromAnotherThread),
  mutant("cursor-from-another-scope", cursorFromAnotherScope),
  mutant("empty-cursor-is-an-id", emptyCursorIsAnId),
  // C-LIMIT
  mutant("limit-zero-accepted", limitZeroAccepted),
  mutant("limit-upper-bound", limitUpperBound),
  mutant("order-case-insensitive", orderCaseInsensitive),
  mutant("order-not-validated", orderNotValidated),
  // C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE
  mutant("save-thread-delete-insert-cascade", saveThreadDeleteInsertCascade),
  mutant("save-thread-delete-insert", saveThreadDeleteInsert),
  mutant("thread-items-persisted", threadItemsPersisted),
  mutant("add-item-duplicates", addItemDuplicates),
  mutant("item-under-item-thread-id", itemUnderItemThreadId),
  mutant("save-item-update-only", saveItemUpdateOnly),
  mutant("save-item-moves", saveItemMoves),
  // C-DELETE, C-MISSING-THREAD, C-ATTACH
  mutant("delete-thread-no-cascade", deleteThreadNoCascade),
  mutant("delete-item-any-thread", deleteItemAnyThread),
  mutant("delete-thread-removes-attachments", deleteThreadRemovesAttachments),
  mutant("missing-thread-throws", missingThreadThrows),
  mutant("attachment-insert-only", attachmentInsertOnly),
  // C-SCOPE
  mutant("load-attachment-unscoped", loadAttachmentUnscoped),
  mutant("scope-prefix-match", scopePrefixMatch),
  mutant("load-item-any-thread", loadItemAnyThread),
  // C-ISOLATION
  mutant("no-copy-on-read", noCopyOnRead),
  mutant("shallow-copy-on-read", shallowCopyOnRead),
  mutant("no-copy-on-write", noCopyOnWrite),
  // C-ERR, C-ID, C-CONCURRENT
  mutant("not-found-plain-error", notFoundPlainError),
  mutant("short-ids", shortIds),
  mutant("lost-update", lostUpdate),
];
