// The production server: one process per core (server/cluster.js) unless WEB_CONCURRENCY
// says otherwise, each serving the store (server/app.js).
import { runAsCluster } from "./cluster.js";

if (!runAsCluster()) await import("./app.js");
