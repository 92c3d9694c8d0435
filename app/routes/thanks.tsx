// /thanks — the public thanks board (爱心榜): buyers who chose to be listed, this year.
import { shanghaiYear } from "~/utils/time";
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { thanksBoard } from "~/domain/aid/thanks-board.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import contribCss from "~/styles/contrib.css";
import { PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { pageMeta } from "~/utils/meta";

const BOARD_SIZE = 100;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contribCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.thanks"),
    (t) => [{ name: "description", content: t("titles.thanksDescription") }],
  );

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await storeContext(request);
  const year = shanghaiYear();
  const board = await thanksBoard(db, year, BOARD_SIZE);
  return json(
    { year, board },
    // the same for everyone; the header around it shows who is signed in, hence Vary
    { headers: { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" } },
  );
}

export default function ThanksBoard() {
  const { year, board } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="thanks-board" aria-labelledby="thanks-title">
      <h1 id="thanks-title">{t("contrib.thanks.boardTitle", { year })}</h1>
      <p className="section__lead">{t("contrib.thanks.boardLead")}</p>
      {board.length ? (
        <table className="data-table" data-testid="thanks-board">
          <thead>
            <tr>
              <th scope="col" className="rank">
                {t("contrib.thanks.rank")}
              </th>
              <th scope="col">{t("contrib.thanks.buyer")}</th>
              <th scope="col" className="num">
                {t("contrib.thanks.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {board.map((row) => (
              <tr key={row.rank}>
                <td className="rank">{row.rank}</td>
                <th scope="row">
                  {row.name}
                  {row.institution ? (
                    <span className="tag tag--institution">{t("contrib.thanks.institution")}</span>
                  ) : null}
                </th>
                <td className="num aid-figure">
                  <Money fen={row.fen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("contrib.thanks.empty")}</p>
      )}
      <p className="muted">
        {t("contrib.thanks.join")} <Link to="/account/aid">{t("contrib.title")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
