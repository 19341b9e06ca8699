// A shard of the mutant catalogue's detection runs: the one this file's name gives (catalogue.ts, DETECTION_SHARDS).
import { describeDetections } from "./catalogue.js";

describeDetections(import.meta.url);
