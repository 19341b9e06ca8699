// The public arbitrary of each thread item type: the one list of them. `index.ts` exports it as is, and
// `threadItem.ts` draws from it (each arbitrary registers its type with `defineItem`; a type without an
// arbitrary here is a compile error there). Only `export { … } from` lines: every name here is public.
export { userMessageItem } from "./userMessageItem.js";
export { assistantMessageItem } from "./assistantMessageItem.js";
export { clientToolCallItem } from "./clientToolCallItem.js";
export { widgetItem } from "./widgetItem.js";
export { generatedImageItem } from "./generatedImageItem.js";
export { structuredInputItem } from "./structuredInputItem.js";
export { workflowItem } from "./workflowItem.js";
export { taskItem } from "./taskItem.js";
export { hiddenContextItem } from "./hiddenContextItem.js";
export { sdkHiddenContextItem } from "./sdkHiddenContextItem.js";
export { endOfTurnItem } from "./endOfTurnItem.js";
