import { z } from "zod";
import { CreatedAtSchema, FreeObjectSchema, opt } from "./common.js";
import { PageSchema, type Page } from "./page.js";
import { ThreadItemSchema, type ThreadItem } from "./items.js";

/** `{"type":"active"}` */
export const ActiveStatusSchema = z.object({ type: z.literal("active") });
/** `{"type":"locked","reason"?: string|null}` */
export const LockedStatusSchema = z.object({ type: z.literal("locked"), reason: opt(z.string()) });
/** `{"type":"closed","reason"?: string|null}` */
export const ClosedStatusSchema = z.object({ type: z.literal("closed"), reason: opt(z.string()) });

/** A thread's status, discriminated by `type` (docs/upstream.md §2.3). */
export const ThreadStatusSchema = z.discriminatedUnion("type", [ActiveStatusSchema, LockedStatusSchema, ClosedStatusSchema]);
export type ActiveStatus = z.infer<typeof ActiveStatusSchema>;
export type LockedStatus = z.infer<typeof LockedStatusSchema>;
export type ClosedStatus = z.infer<typeof ClosedStatusSchema>;
export type ThreadStatus = z.infer<typeof ThreadStatusSchema>;

/**
 * A thread without its items: what `Store.saveThread` persists and `Store.loadThread` returns.
 * Fields that have a default upstream are optional here, and stores return them exactly as saved
 * (absent stays absent; C-ROUNDTRIP).
 */
export const ThreadMetadataSchema = z.object({
  id: z.string().min(1),
  created_at: CreatedAtSchema,
  title: opt(z.string()),
  /** Defaults to `{"type":"active"}` upstream. */
  status: ThreadStatusSchema.optional(),
  /** Sent to the client; omitted from server output when null. */
  allowed_image_domains: opt(z.array(z.string())),
  /** Integration-only. Persisted by stores, sent to clients as `{}`. */
  metadata: FreeObjectSchema.optional(),
});
export type ThreadMetadata = z.infer<typeof ThreadMetadataSchema>;

/** A thread with a page of its items: the object of `thread.created`, `threads.get_by_id`, … */
export const ThreadSchema = ThreadMetadataSchema.extend({ items: PageSchema(ThreadItemSchema) });
export type Thread = ThreadMetadata & { items: Page<ThreadItem> };
