import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { STAFF_ROLES } from "~/domain/admin/admin-input";
import { adminOverview } from "~/domain/admin/admin.server";
import { countUncollected } from "~/domain/pickup/uncollected.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/utils/db.server";
import { requireAdmin } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.admin"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const db = await getDb();
  const [overview, uncollected] = await Promise.all([adminOverview(db), countUncollected(db)]);
  return json({ overview, uncollected }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function AdminHome() {
  const { overview, uncollected } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t("admin.home.title")}</h1>
      <p className="section__lead">{t("admin.home.lead")}</p>
      <ul className="stats" data-testid="admin-stats">
        <li className="stat">
          <span className="stat__label">{t("admin.home.cooperatives")}</span>
          <span className="stat__value">{overview.cooperatives}</span>
          <p className="stat__more">
            <Link to="/admin/cooperatives">{t("admin.home.manageCooperatives")}</Link>
          </p>
        </li>
        <li className="stat">
          <span className="stat__label">{t("admin.home.staff")}</span>
          <span className="stat__value">{overview.staff}</span>
          <p className="stat__more">
            {t("admin.home.byRole")}
            {STAFF_ROLES.map((role) =>
              t("admin.home.roleCount", {
                role: t(`admin.roles.${role}`),
                count: overview.staffByRole[role],
              }),
            ).join(" · ")}
          </p>
          <p className="stat__more">
            <Link to="/admin/users">{t("admin.home.manageUsers")}</Link>
          </p>
        </li>
        <li className="stat">
          <span className="stat__label">{t("admin.home.activeProducts")}</span>
          <span className="stat__value">{overview.activeProducts}</span>
        </li>
        <li className={overview.pendingReviews ? "stat stat--attention" : "stat"}>
          <span className="stat__label">{t("admin.home.pendingReviews")}</span>
          <span className="stat__value">{overview.pendingReviews}</span>
          <p className="stat__more">
            <Link to="/aid/reviews">{t("admin.home.openReviews")}</Link>
          </p>
        </li>
        <li className={uncollected ? "stat stat--attention" : "stat"}>
          <span className="stat__label">{t("pickup.uncollected.homeStat")}</span>
          <span className="stat__value" data-testid="uncollected-count">
            {uncollected}
          </span>
          <p className="stat__more">
            <Link to="/admin/orders?uncollected=1">{t("pickup.uncollected.homeLink")}</Link>
          </p>
        </li>
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
