/**
 * The error classes, re-exported where the stores' code has always found them. They live on the ground
 * floor, src/errors/errors.ts (src/model uses them too, and imports nothing above itself).
 * @packageDocumentation
 */
export * from "../errors/errors.js";
export { PREFIX } from "../errors/render.js";
