import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "records pass through a schema that drops keys it does not know (zod's default strip, a pydantic round-trip): fields of newer or older SDKs vanish";
export const expectedChecks: readonly CheckId[] = ["roundtrip.threads", "roundtrip.items", "roundtrip.attachments"];

export default class StripUnknownFields extends SimpleStore {
  private static readonly KNOWN = new Set(["id", "type", "thread_id", "created_at", "title", "status", "metadata", "allowed_image_domains", "content", "attachments", "quoted_text", "inference_options", "name", "mime_type", "upload_descriptor", "preview_url", "task", "workflow", "widget", "copy_text", "call_id", "arguments", "output", "image", "inputs", "data"]);

  protected override writeCopy(value: Json): Json {
    const copy = super.writeCopy(value);
    for (const key of Object.keys(copy)) if (!StripUnknownFields.KNOWN.has(key)) delete copy[key];
    return copy;
  }
}
