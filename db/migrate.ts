// `npm run db:migrate`: DATABASE_URL (PostgreSQL) or DATABASE_PATH (default
// data/shanhai.sqlite) to the latest schema.
import { createDatabase, databaseTarget, migrateToLatest } from "./connection";
import { describeTarget } from "./script-target";

const target = databaseTarget();
const file = describeTarget(target);
const db = createDatabase(target, { poolSize: 1 });
migrateToLatest(db)
  .then((result) => {
    const applied = result.results?.filter((r) => r.status === "Success") ?? [];
    console.log(
      applied.length
        ? `migrate: applied ${applied.map((r) => r.migrationName).join(", ")} to ${file}`
        : `migrate: ${file} is up to date`,
    );
    return db.destroy();
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
