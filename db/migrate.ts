import { createDatabase, migrateToLatest } from "./connection";

const file = process.env.DATABASE_PATH ?? "data/shanhai.sqlite";
const db = createDatabase(file);
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
