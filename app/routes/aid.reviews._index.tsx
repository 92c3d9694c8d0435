import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  listPendingReviews,
  reviewHistory,
  type DecidedReview,
  type PendingReview,
} from "~/domain/aid/reviews.server";
import { ColumnHeads } from "~/components/column-heads";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { storeContext } from "~/utils/request.server";
import { requireAidOfficer } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.aidReviews"),
    () => [NOINDEX],
  );

const HISTORY_LIMIT = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  const { db, locale } = await storeContext(request);
  const [pending, history] = await Promise.all([
    listPendingReviews(db, locale),
    reviewHistory(db, { limit: HISTORY_LIMIT, locale }),
  ]);
  // after a decision the review page sends the officer here with ?decided=<id>
  const decidedId = Number(new URL(request.url).searchParams.get("decided"));
  const decided = history.find((h) => h.id === decidedId) ?? null;
  return json(
    {
      pending,
      history,
      decided: decided ? { status: decided.status, productName: decided.productName } : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function ReviewQueue() {
  const { pending, history, decided } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t("review.queue.title")}</h1>
      <p className="section__lead">{t("review.queue.lead")}</p>
      {decided ? (
        <p className="alert alert--success" role="status">
          {decided.status === "approved"
            ? t("review.queue.decidedApproved", { name: decided.productName })
            : t("review.queue.decidedRejected", { name: decided.productName })}
        </p>
      ) : null}

      <section className="section" aria-labelledby="pending-title">
        <h2 id="pending-title">{t("review.queue.pendingTitle", { count: pending.length })}</h2>
        {pending.length ? (
          <PendingTable pending={pending} />
        ) : (
          <p className="empty">{t("review.queue.empty")}</p>
        )}
      </section>

      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">{t("review.queue.historyTitle")}</h2>
        {history.length ? (
          <HistoryTable history={history} />
        ) : (
          <p className="empty">{t("review.queue.historyEmpty")}</p>
        )}
      </section>
    </section>
  );
}

/** The reviews that wait, oldest first, with the price change each asks for. */
function PendingTable({ pending }: { pending: PendingReview[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll labelledBy="pending-title">
      <table className="certs" data-testid="pending-reviews">
        <ColumnHeads
          columns={[
            t("review.queue.submittedAt"),
            t("review.queue.product"),
            t("review.queue.origin"),
            t("review.queue.reason"),
            { label: t("review.queue.price"), numeric: true },
            t("review.queue.actions"),
          ]}
        />
        <tbody>
          {pending.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">{shanghaiDateTime(r.submittedAt)}</td>
              <td>
                <Link to={`/aid/reviews/${r.id}`}>{r.productName}</Link>
              </td>
              <td>
                {r.cooperativeName} · {r.countyName}
              </td>
              <td>
                <span className="reason-chip">{t(`review.reason.${r.reason}`)}</span>
              </td>
              <td className="num">
                <Money fen={r.currentPriceFen} />
                {r.proposedPriceFen !== null ? (
                  <>
                    {" → "}
                    <Money fen={r.proposedPriceFen} className="price-up" />
                    <br />
                    <span className="price-up">
                      {t("review.detail.changePercent", { percent: r.changePercent })}
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                <Link
                  className="button button--small"
                  to={`/aid/reviews/${r.id}`}
                  aria-label={t("review.queue.openNamed", { name: r.productName })}
                >
                  {t("review.queue.open")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const HISTORY_COLUMNS = ["decidedAt", "product", "reason", "decision", "officer", "note"] as const;

/** The latest decisions, each with the officer who answers for it. */
function HistoryTable({ history }: { history: DecidedReview[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll labelledBy="history-title">
      <table className="certs" data-testid="review-history">
        <ColumnHeads columns={HISTORY_COLUMNS.map((key) => t(`review.queue.${key}`))} />
        <tbody>
          {history.map((h) => (
            <tr key={h.id}>
              <td className="nowrap">{shanghaiDateTime(h.decidedAt)}</td>
              <td>
                <Link to={`/aid/reviews/${h.id}`}>{h.productName}</Link>
                <br />
                <span className="muted">{h.cooperativeName}</span>
              </td>
              <td>{t(`review.reason.${h.reason}`)}</td>
              <td>
                <span className={`status status--${h.status}`}>
                  {t(`review.status.${h.status}`)}
                </span>
              </td>
              <td>{h.decidedByName}</td>
              <td>{h.decisionNote ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
