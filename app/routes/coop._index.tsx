import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { managedCooperatives } from "~/domain/auth/accounts.server";
import { portalCooperative } from "~/domain/coop/portal";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import fulfilCss from "~/styles/fulfil.css";
import { storeContext } from "~/utils/request.server";
import { requireRole } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fulfilCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.coopPortal"),
    () => [NOINDEX],
  );

/** /coop: straight into the one cooperative a manager runs, or a choice among several. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coop_manager"]);
  const { db, locale } = await storeContext(request);
  const cooperatives = await managedCooperatives(db, user.id);
  if (cooperatives.length === 1) throw redirect(`/coop/${cooperatives[0]!.slug}`);
  return json(
    {
      cooperatives: cooperatives.map((c) => portalCooperative(c, locale)),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function CoopChooser() {
  const { cooperatives } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="narrow" aria-labelledby="coop-choose-title">
      <h1 id="coop-choose-title">{t("fulfil.portal.chooseTitle")}</h1>
      {cooperatives.length ? (
        <>
          <p>{t("fulfil.portal.chooseLead")}</p>
          <ul className="plain-list" data-testid="coop-choices">
            {cooperatives.map((c) => (
              <li key={c.slug}>
                <Link to={`/coop/${c.slug}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="alert">{t("fulfil.portal.none")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
