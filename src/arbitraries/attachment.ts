import * as fc from "fast-check";
import type { Attachment } from "../model/attachment.js";
import { arbitraryOf, fail, subsetOf } from "./internal/check.js";
import { absoluteUrl, fields, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";
import { mimeTypeOf } from "./attachmentCreateParams.js";
import { id } from "./id.js";

/** The `type` of an {@link Attachment}. */
export type AttachmentType = Attachment["type"];
const TYPES: readonly AttachmentType[] = ["file", "image"];

/** Constraints of {@link attachment}. */
export interface AttachmentConstraints extends ModelConstraints {
  /**
   * Which attachments to generate.
   * @defaultValue `["file", "image"]`
   */
  types?: readonly AttachmentType[];
  /**
   * Attachment ids.
   * @defaultValue `id()`
   */
  idArbitrary?: fc.Arbitrary<string>;
  /**
   * The `thread_id` of every attachment: a string, or `null` for "not used in a message yet".
   * @defaultValue absent, `null` or an `id()`, drawn per attachment
   */
  threadId?: string | null;
}

/** Attachments. @internal */
export function attachmentOf(s: ModelSettings, ids: fc.Arbitrary<string>, types: readonly AttachmentType[] = TYPES, threadId?: string | null): fc.Arbitrary<Attachment> {
  const uploadDescriptor = fields(
    { url: absoluteUrl(), method: fc.constantFrom("PUT", "POST") },
    { headers: fc.dictionary(fc.constantFrom("content-type", "x-amz-acl", "Authorization", "x-ünï"), s.text, { maxKeys: 3, noNullPrototype: true }) },
  );
  const base = { id: ids, name: s.text, mime_type: mimeTypeOf(s) };
  const nullable: Record<string, fc.Arbitrary<unknown>> = { upload_descriptor: uploadDescriptor, metadata: s.object };
  const required: Record<string, fc.Arbitrary<unknown>> = {};
  if (threadId === undefined) nullable.thread_id = id();
  else required.thread_id = fc.constant(threadId);
  const byType = {
    file: fields<Attachment>({ type: fc.constant("file"), ...base, ...required }, {}, nullable),
    image: fields<Attachment>({ type: fc.constant("image"), ...base, ...required, preview_url: absoluteUrl() }, {}, nullable),
  };
  return fc.oneof(...types.map((t) => byType[t]));
}

/**
 * An attachment record (docs/upstream.md §2.6): `file` or `image` (with `preview_url`), with an
 * `upload_descriptor` (`PUT` or `POST`, absolute URL, headers) that is absent, `null` or set, a
 * `thread_id`, and integration-only `metadata` (stored, never sent to clients).
 *
 * @param constraints - see {@link AttachmentConstraints}
 * @returns an arbitrary of attachments
 * @throws {InvalidArgumentError} at once, for a bad constraint: `arb.attachment: threadId must be a string or null, got 1`
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(arb.attachment(), async (a) => {
 *   const store = new InMemoryStore();
 *   await store.saveAttachment(a, "u1");
 *   expect(await store.loadAttachment(a.id, "u1")).toEqual(a);
 * }), { seed: 42 });
 * ```
 */
export function attachment(constraints: AttachmentConstraints = {}): fc.Arbitrary<Attachment> {
  const { c, s } = readModelConstraints("attachment", constraints, ["types", "idArbitrary", "threadId"]);
  const types = subsetOf("attachment", c, "types", TYPES);
  const ids = arbitraryOf("attachment", c, "idArbitrary", () => id());
  const threadId = c.threadId;
  if (threadId !== undefined && threadId !== null && typeof threadId !== "string") fail("attachment", "threadId", "a string or null", threadId);
  return attachmentOf(s, ids, types, threadId as string | null | undefined);
}
