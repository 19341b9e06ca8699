import { z } from "zod";
import { parseTimestamp } from "./timestamp.js";

/** `created_at`: an ISO-8601 string whose instant the stores order by (C-WIRE, C-ORDER). @internal */
export const CreatedAtSchema = z.string().check((ctx) => {
  const r = parseTimestamp(ctx.value);
  if (!r.ok) ctx.issues.push({ code: "custom", message: `created_at ${r.reason}`, input: ctx.value });
});

/** An absolute URL, as pydantic's `AnyUrl` requires (`data:` URLs included). @internal */
export const UrlSchema = z.string().refine((s) => URL.canParse(s), { message: "must be an absolute URL" });

/** A free-form JSON object (`metadata`, `arguments`, `data`). @internal */
export const FreeObjectSchema = z.record(z.string(), z.unknown());

/** Any JSON value (`content` of hidden context, `output` of a tool call). @internal */
export const AnyJsonSchema = z.unknown();

/**
 * An icon name. Upstream has a closed list of 64 names plus `vendor:*` and `lucide:*`; stores do not
 * validate icons, so any string is accepted here.
 */
export const IconNameSchema = z.string();
/** An icon name (see {@link IconNameSchema}). */
export type IconName = z.infer<typeof IconNameSchema>;

/** Optional and nullable, as a pydantic field `X | None = None`: may be absent or `null`. @internal */
export function opt<T extends z.ZodType>(schema: T) {
  return schema.nullable().optional();
}
