import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, NavLink, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pendingReviewSummary } from "~/domain/aid/reviews.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import officeCss from "~/styles/office.css";
import { getDb } from "~/utils/db.server";
import { requireRole } from "~/utils/session.server";
import { shanghaiDateTime } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: officeCss }];

export const meta: MetaFunction = () => [
  { title: "帮扶办工作台 · 山海 Shanhai" },
  { name: "robots", content: "noindex" },
];

/** /aid: for now the way into the review queue; the reporting dashboard will grow here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["aid_officer", "admin"]);
  const pending = await pendingReviewSummary(await getDb());
  return json(
    { officerName: user.name, pending },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function AidHome() {
  const { officerName, pending } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="aid-title">
      <nav className="office-nav" aria-label={t("review.nav.label")}>
        <NavLink to="/aid" end>
          {t("review.nav.home")}
        </NavLink>
        <NavLink to="/aid/reviews">{t("review.nav.queue")}</NavLink>
      </nav>
      <h1 id="aid-title">{t("review.landing.title")}</h1>
      <p className="section__lead">{t("review.landing.lead")}</p>
      <p className="muted">{t("review.detail.signedAs", { name: officerName })}</p>
      <ul className="stats">
        <li className={pending.count ? "stat stat--attention" : "stat"}>
          <span className="stat__label">{t("review.landing.pendingTitle")}</span>
          <span className="stat__value" data-testid="pending-count">
            {pending.count}
          </span>
          <p className="stat__more">
            {pending.oldestAt
              ? t("review.landing.oldest", { at: shanghaiDateTime(pending.oldestAt) })
              : t("review.landing.nonePending")}
          </p>
        </li>
      </ul>
      <p>
        <Link className="button" to="/aid/reviews">
          {t("review.landing.openQueue")}
        </Link>
      </p>
      <p className="muted">{t("review.landing.moreSoon")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
