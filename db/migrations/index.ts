// Migrations are listed here rather than read from disk so that the same list works
// under tsx, vitest and inside the bundled Remix server.
import type { Migration } from "kysely";
import * as initial from "./20261128T2300_initial";
import * as accountsPortal from "./20261128T2330_accounts_portal";

export const migrations: Record<string, Migration> = {
  "20261128T2300_initial": initial,
  "20261128T2330_accounts_portal": accountsPortal,
};
