import * as fc from "fast-check";
import type { AttachmentCreateParams } from "../model/attachment.js";
import { fields, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";

/** MIME types, common and odd (a store keeps `mime_type` as given). @internal */
export function mimeTypeOf(s: ModelSettings): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom("image/png", "image/jpeg", "image/webp", "application/pdf", "text/plain; charset=utf-8", "application/octet-stream", "text/csv"), weight: 3 },
    { arbitrary: fc.constantFrom("", "x/ünïcode", "IMAGE/PNG", "image/svg+xml; a=\"b\""), weight: 1 },
    { arbitrary: s.text, weight: 1 },
  );
}

/** Create params. @internal */
export function attachmentCreateParamsOf(s: ModelSettings): fc.Arbitrary<AttachmentCreateParams> {
  return fields({ name: s.text, size: fc.oneof(fc.nat(10_000_000), fc.constantFrom(0, 2 ** 31, Number.MAX_SAFE_INTEGER)), mime_type: mimeTypeOf(s) });
}

/**
 * What `attachments.create` receives and `AttachmentStore.createAttachment` is given:
 * `{ name, size, mime_type }` with `size` a non-negative integer up to `Number.MAX_SAFE_INTEGER`.
 *
 * @param constraints - see {@link ModelConstraints} (only `textArbitrary` matters)
 * @returns an arbitrary of attachment create params
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.attachmentCreateParams: …`)
 */
export function attachmentCreateParams(constraints: ModelConstraints = {}): fc.Arbitrary<AttachmentCreateParams> {
  return attachmentCreateParamsOf(readModelConstraints("attachmentCreateParams", constraints).s);
}
