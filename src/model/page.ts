import { z } from "zod";

/**
 * One page of a cursor-paginated listing (C-PAGE).
 * `after` is the id of the page's last row when `has_more`, otherwise `null`.
 */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  after: string | null;
}

/**
 * Schema of `Page<T>` on the wire. Server output omits `after` when it is null, so it is optional here.
 * @param item - the schema of one row
 */
export function PageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    has_more: z.boolean(),
    after: z.string().nullable().optional(),
  });
}
