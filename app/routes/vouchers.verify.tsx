// /vouchers/verify — anyone holding a printed purchase voucher (an auditor, a finance
// office) checks its order number and code against the store's records. A match shows only
// the figures and the date; never a name, phone or address (ADR 043).
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { voucherCheckSchema } from "~/domain/invoices/invoice-input";
import { verifyVoucher } from "~/domain/invoices/voucher.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { Money } from "~/components/money";
import voucherCss from "~/styles/voucher.css";
import { getDb } from "~/utils/db.server";
import { screenControlCharacters, zodFieldErrors } from "~/utils/forms";
import { pageMeta } from "~/utils/meta";
import { shanghaiDateTime } from "~/utils/time";

/** A check's answer is nobody's business but the checker's, and never indexed. */
const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow" };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: voucherCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("invoices.verify.title"),
    () => [{ name: "robots", content: "noindex, nofollow" }],
  );

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const asked = search.has("number") || search.has("code");
  const raw = { number: search.get("number") ?? "", code: search.get("code") ?? "" };
  if (!asked) return json({ values: raw, errors: {}, result: null }, { headers: PRIVATE });
  // a GET form: what was typed comes back in the fields, with its message beside it
  const screened = screenControlCharacters(raw);
  const parsed = voucherCheckSchema.safeParse(screened.values);
  if (!parsed.success || Object.keys(screened.errors).length) {
    const errors = { ...zodFieldErrors(parsed.error), ...screened.errors };
    return json({ values: screened.values, errors, result: null }, { headers: PRIVATE });
  }
  const result = await verifyVoucher(await getDb(), parsed.data.number, parsed.data.code);
  return json({ values: screened.values, errors: {}, result }, { headers: PRIVATE });
}

type Matched = Extract<Awaited<ReturnType<typeof verifyVoucher>>, { matches: true }>;

function Figures({ result }: { result: Matched }) {
  const { t } = useTranslation();
  return (
    <table className="data-table">
      <tbody>
        <tr>
          <th scope="row">{t("invoices.verify.voucherNumber")}</th>
          <td>{result.voucherNumber}</td>
        </tr>
        <tr>
          <th scope="row">{t("invoices.verify.paidAt")}</th>
          <td>{shanghaiDateTime(result.paidAt)}</td>
        </tr>
        <tr>
          <th scope="row">{t("invoices.verify.paid")}</th>
          <td>
            <Money fen={result.paidFen} />
          </td>
        </tr>
        <tr>
          <th scope="row">{t("invoices.verify.refunded")}</th>
          <td>
            <Money fen={result.refundedFen} />
          </td>
        </tr>
        <tr>
          <th scope="row">{t("invoices.verify.total")}</th>
          <td data-testid="verify-total">
            <Money fen={result.netFen} />
          </td>
        </tr>
        <tr>
          <th scope="row">{t("invoices.verify.aid")}</th>
          <td>
            <Money fen={result.aidFen} /> (
            {t("invoices.voucher.aidPercent", { percent: result.aidPercent })})
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export default function VerifyVoucher() {
  const { values, errors, result } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fieldErrors = errors as Record<string, string | undefined>;
  return (
    <section className="voucher" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("invoices.verify.title")}</h1>
      <p className="section__lead">{t("invoices.verify.lead")}</p>
      <Form method="get" className="form verify-form">
        <Field
          name="number"
          label={t("invoices.verify.number")}
          required
          maxLength={30}
          autoComplete="off"
          defaultValue={values.number}
          error={fieldErrors.number}
        />
        <Field
          name="code"
          label={t("invoices.verify.code")}
          required
          maxLength={30}
          autoComplete="off"
          defaultValue={values.code}
          error={fieldErrors.code}
        />
        <button type="submit" className="button">
          {t("invoices.verify.submit")}
        </button>
      </Form>
      {result ? (
        <>
          <p
            className={`alert ${result.matches ? "alert--success" : "alert--error"}`}
            role="status"
            data-testid="voucher-check"
            data-matches={String(result.matches)}
          >
            {result.matches ? t("invoices.verify.match") : t("invoices.verify.noMatch")}
          </p>
          {result.matches ? <Figures result={result} /> : null}
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
