/**
 * chatkit-testkit — the ChatKit data model, the Store contract, and a spec-faithful InMemoryStore.
 * This entry has no peer dependencies.
 * @packageDocumentation
 */
export * from "./model/index.js";
export type { Store, AttachmentStore, ModelTypes, ChatKitModel, Order, ScopeOf } from "./store/Store.js";
export { STORE_METHODS } from "./store/Store.js";
export {
  NotFoundError,
  InvalidArgumentError,
  ValidationError,
  CorruptDataError,
  isNotFoundError,
  isInvalidArgumentError,
  type ErrorCode,
} from "./store/errors.js";
export { defaultScope } from "./store/scope.js";
export { InMemoryStore, type InMemoryStoreOptions, type ScopeData, type StoreSnapshot } from "./memory/InMemoryStore.js";
