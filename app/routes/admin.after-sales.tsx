// The admin's after-sales requests: every buyer's refund and return request, open ones
// first by default, each decided here (or on the order's own page, whose forms post here).
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { decisionSchema } from "~/domain/after-sales/after-sales-input";
import { adminAfterSales } from "~/domain/after-sales/after-sales-queries.server";
import { AFTER_SALES_STATUSES } from "~/domain/after-sales/after-sales-rules";
import { approveAfterSales, rejectAfterSales } from "~/domain/after-sales/after-sales.server";
import { gatewayNamed } from "~/domain/payments/gateways.server";
import { AfterSalesDecision } from "~/components/after-sales-decision";
import { AfterSalesSummary } from "~/components/after-sales-summary";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import afterSalesCss from "~/styles/after-sales.css";
import fulfilCss from "~/styles/fulfil.css";
import { getDb } from "~/utils/db.server";
import { domainErrorReply, formValues, invalidForm, parseForm } from "~/utils/forms";
import { requireAdmin } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fulfilCss },
  { rel: "stylesheet", href: afterSalesCss },
];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t) => t("afterSales.admin.title"),
    () => [NOINDEX],
  );

const FILTERS = [...AFTER_SALES_STATUSES, "all"] as const;
type Filter = (typeof FILTERS)[number];
const asFilter = (raw: string | null): Filter =>
  FILTERS.includes(raw as Filter) ? (raw as Filter) : "open";

/** Only the admin's own pages are places to go back to: never another site. */
const BACK_RE = /^\/admin\/(after-sales|orders\/SH-[0-9A-Z-]{8,20})$/;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { db, locale } = await storeContext(request);
  const status = asFilter(new URL(request.url).searchParams.get("status"));
  const requests = await adminAfterSales(db, status, locale);
  return json({ status, requests }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const form = await readFormData(request);
  const parsed = parseForm(decisionSchema, form, { unscreened: ["back"] });
  if (!parsed.ok) return invalidForm(parsed);
  const actor = { id: user.id, name: user.name };
  const db = await getDb();
  try {
    if (parsed.data.decision === "approve") {
      await approveAfterSales(db, {
        requestId: parsed.data.requestId,
        actor,
        restock: parsed.data.restock === "on",
        gatewayFor: gatewayNamed,
      });
    } else {
      await rejectAfterSales(db, {
        requestId: parsed.data.requestId,
        actor,
        reason: parsed.data.reason,
      });
    }
  } catch (error) {
    return domainErrorReply(error, formValues(form));
  }
  const raw = String(form.get("back") ?? "");
  const back = BACK_RE.test(raw) ? raw : "/admin/after-sales";
  const done = parsed.data.decision === "approve" ? "approved" : "rejected";
  return redirect(`${back}?decided=${done}`);
}

export default function AdminAfterSales() {
  const { status, requests } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const decided = search.get("decided");
  return (
    <section aria-labelledby="after-sales-title">
      <h1 id="after-sales-title">{t("afterSales.admin.title")}</h1>
      <p className="muted">{t("afterSales.admin.lead")}</p>
      {decided === "approved" || decided === "rejected" ? (
        <p className="alert alert--success" role="status">
          {t(`afterSales.admin.${decided}`)}
        </p>
      ) : null}
      <nav aria-label={t("afterSales.admin.filterLabel")} className="filter-tabs">
        {FILTERS.map((f) => (
          <Link key={f} to={`?status=${f}`} aria-current={f === status ? "page" : undefined}>
            {t(`afterSales.admin.filters.${f}`)}
          </Link>
        ))}
      </nav>
      {requests.length === 0 ? <p>{t("afterSales.admin.empty")}</p> : null}
      <ul className="after-sales-list">
        {requests.map((r) => (
          <AfterSalesSummary key={r.id} request={r} orderHref={`/admin/orders/${r.orderNumber}`}>
            {r.status === "open" ? (
              <AfterSalesDecision
                requestId={r.id}
                back="/admin/after-sales"
                reply={reply?.values.requestId === String(r.id) ? reply : undefined}
              />
            ) : null}
          </AfterSalesSummary>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
