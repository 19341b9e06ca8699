/** The simulator's one page size. @internal */

/**
 * Upstream `DEFAULT_PAGE_SIZE` (20): the `limit` of threads.list and items.list when it is missing, null
 * or 0, and the fixed page every other flow reads (threads.get_by_id's first page, the newest items
 * add_client_tool_output searches, the pages of retry_after_item's reverse walk).
 */
export const DEFAULT_PAGE_SIZE = 20;
