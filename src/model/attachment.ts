import { z } from "zod";
import { FreeObjectSchema, UrlSchema, opt } from "./common.js";

/** Two-phase upload instructions (added upstream in 1.5.0; `upload_url` was removed). */
export const AttachmentUploadDescriptorSchema = z.object({
  url: UrlSchema,
  method: z.enum(["POST", "PUT"]),
  /** Defaults to `{}`. */
  headers: z.record(z.string(), z.string()).optional(),
});
export type AttachmentUploadDescriptor = z.infer<typeof AttachmentUploadDescriptorSchema>;

const AttachmentBase = {
  id: z.string().min(1),
  name: z.string(),
  mime_type: z.string(),
  /** Null once the upload is done. */
  upload_descriptor: opt(AttachmentUploadDescriptorSchema),
  /** Set by the server when the attachment is used in a user message. */
  thread_id: opt(z.string()),
  /** Integration-only: stored, never returned by the server. */
  metadata: opt(FreeObjectSchema),
};

/** `{"type":"file", …}` */
export const FileAttachmentSchema = z.object({ type: z.literal("file"), ...AttachmentBase });
/** `{"type":"image", preview_url, …}` */
export const ImageAttachmentSchema = z.object({ type: z.literal("image"), ...AttachmentBase, preview_url: UrlSchema });

/** An attachment record, discriminated by `type` (docs/upstream.md §2.6). */
export const AttachmentSchema = z.discriminatedUnion("type", [FileAttachmentSchema, ImageAttachmentSchema]);
export type FileAttachment = z.infer<typeof FileAttachmentSchema>;
export type ImageAttachment = z.infer<typeof ImageAttachmentSchema>;
export type Attachment = z.infer<typeof AttachmentSchema>;

/** What `attachments.create` receives and `AttachmentStore.createAttachment` is given. */
export const AttachmentCreateParamsSchema = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  mime_type: z.string(),
});
export type AttachmentCreateParams = z.infer<typeof AttachmentCreateParamsSchema>;
