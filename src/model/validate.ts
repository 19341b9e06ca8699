import type { z } from "zod";
import { AttachmentCreateParamsSchema, AttachmentSchema, type Attachment, type AttachmentCreateParams } from "./attachment.js";
import { ThreadItemSchema, type ThreadItem } from "./items.js";
import { copyJson, renderPath } from "./json.js";
import { ThreadMetadataSchema, ThreadSchema, type Thread, type ThreadMetadata } from "./thread.js";
import { ValidationError, type ValidationIssue } from "../errors/errors.js";

export type { ValidationIssue };

/**
 * Builds a validator for one model type: it checks untrusted JSON against the schema and returns a
 * deep copy of the input **as given** (unknown keys kept, defaults not filled in), so a validated value
 * round-trips exactly through a store.
 * @internal
 */
function validator<T>(what: string, schema: z.ZodType) {
  return (input: unknown, path = ""): T => {
    const copy = copyJson(input, path || "$");
    if (!copy.ok) {
      throw new ValidationError(what, [{ path: copy.problem.path, message: copy.problem.problem }]);
    }
    const result = schema.safeParse(copy.value);
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: renderPath(path, i.path), message: i.message }));
      throw new ValidationError(what, issues);
    }
    return copy.value as T;
  };
}

/**
 * Parses untrusted JSON as a {@link ThreadMetadata}.
 * @param input - a JSON value (already `JSON.parse`d)
 * @param path - prefix for issue paths in the error, e.g. `"thread"`
 * @returns a deep copy of `input`, exactly as given
 * @throws {ValidationError} naming every path that does not match the model
 */
export const parseThreadMetadata: (input: unknown, path?: string) => ThreadMetadata = validator("ThreadMetadata", ThreadMetadataSchema);
/** Parses untrusted JSON as a {@link Thread} (metadata plus a page of items). @throws {ValidationError} */
export const parseThread: (input: unknown, path?: string) => Thread = validator("Thread", ThreadSchema);
/** Parses untrusted JSON as a {@link ThreadItem} (any of its variants). @throws {ValidationError} */
export const parseThreadItem: (input: unknown, path?: string) => ThreadItem = validator("ThreadItem", ThreadItemSchema);
/** Parses untrusted JSON as an {@link Attachment} (`file` or `image`). @throws {ValidationError} */
export const parseAttachment: (input: unknown, path?: string) => Attachment = validator("Attachment", AttachmentSchema);
/** Parses untrusted JSON as {@link AttachmentCreateParams}. @throws {ValidationError} */
export const parseAttachmentCreateParams: (input: unknown, path?: string) => AttachmentCreateParams = validator(
  "AttachmentCreateParams",
  AttachmentCreateParamsSchema,
);
