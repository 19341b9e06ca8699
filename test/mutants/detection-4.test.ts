// Shard 4 of the mutant catalogue's detection runs (catalogue.ts, DETECTION_SHARDS).
import { describeDetections } from "./catalogue.js";

describeDetections(3);
