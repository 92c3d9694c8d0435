// /aid/institutions.csv: the reserved-share table as the page shows it (UTF-8 with BOM).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reservedSharesCsv } from "~/domain/institutions/reserved-shares-export.server";
import { reservedShareTable } from "~/domain/institutions/reserved-shares.server";
import { shareQuery } from "~/domain/institutions/share-query";
import { requireAidOfficer } from "~/utils/guards.server";
import { storeContext } from "~/utils/request.server";
import { shanghaiDate } from "~/utils/time";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  const { db } = await storeContext(request);
  const query = shareQuery(new URL(request.url).searchParams);
  const today = shanghaiDate(new Date());
  const rows = await reservedShareTable(db, { ...query, today });
  return new Response(reservedSharesCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="reserved-shares-${query.year}-as-of-${today}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
