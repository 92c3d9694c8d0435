import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "~/components/form-alert";
import { Field, SelectField } from "~/components/field";
import { Money } from "~/components/money";
import { TableScroll } from "~/components/table-scroll";
import type { ShelfItem, TillDraft } from "~/domain/counters/till-reads.server";
import { lineField, MAX_TILL_QUANTITY } from "~/domain/counters/till-fields";
import { useMessage } from "~/i18n/use-message";
import { formatFen } from "~/utils/money";
import type { FormReply } from "~/utils/forms";
import { BuyerFields } from "./buyer-fields";

export type TillReply = Pick<FormReply, "errors" | "values" | "formError" | "params"> | undefined;

/**
 * The one form of the till: pick a product, the lines so far, payment and buyer, then sell.
 * The picker's button comes first, so Enter in any field adds rather than sells. Keyed by
 * what the last answer holds, so its values (not the browser's) fill the fields again.
 */
export function SaleForm({
  shelf,
  draft,
  reply,
}: {
  shelf: ShelfItem[];
  draft: TillDraft;
  reply: TillReply;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const selling = navigation.formData?.get("intent") === "sell";
  const key = JSON.stringify(reply?.values ?? {});
  return (
    <Form method="post" className="till__form" key={key} noValidate>
      <FormAlert reply={reply} />
      <PickLine shelf={shelf} reply={reply} />
      <SaleLines draft={draft} reply={reply} />
      <BuyerFields reply={reply} />
      <div className="button-row">
        <button
          type="submit"
          name="intent"
          value="sell"
          className="button button--large"
          aria-describedby="till-sell-hint"
          disabled={selling}
        >
          {selling ? t("till.sale.selling") : t("till.sale.sell")}
        </button>
      </div>
      <p className="field-hint" id="till-sell-hint">
        {t("till.sale.sellHint")}
      </p>
    </Form>
  );
}

function PickLine({ shelf, reply }: { shelf: ShelfItem[]; reply: TillReply }) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="office-panel till__pick">
      <legend>{t("till.sale.pickTitle")}</legend>
      <div className="till__pick-row">
        <SelectField
          name="product"
          label={t("till.sale.product")}
          placeholder={t("till.sale.productNone")}
          defaultValue={reply?.values.product}
          error={reply?.errors.product}
          options={shelf.map((item) => ({
            value: String(item.productId),
            label: t("till.sale.productOption", {
              name: item.name,
              unit: item.unit,
              price: formatFen(item.priceFen, i18n.language),
              onShelf: item.onShelf,
            }),
          }))}
        />
        <Field
          name="quantity"
          label={t("till.sale.quantity")}
          type="number"
          inputMode="numeric"
          defaultValue={reply?.values.quantity ?? "1"}
          error={reply?.errors.quantity}
        />
        <button type="submit" name="intent" value="add" className="button">
          {t("till.sale.add")}
        </button>
      </div>
    </fieldset>
  );
}

function SaleLines({ draft, reply }: { draft: TillDraft; reply: TillReply }) {
  const { t } = useTranslation();
  return (
    <section className="office-panel" aria-labelledby="till-lines-title">
      <h2 id="till-lines-title">{t("till.sale.linesTitle")}</h2>
      {draft.notStocked.length ? (
        <p className="alert alert--error" role="alert">
          {t("till.sale.notStocked")}
        </p>
      ) : null}
      {draft.lines.length ? (
        <TableScroll labelledBy="till-lines-title">
          <table className="certs till__lines" data-testid="till-lines">
            <thead>
              <tr>
                <th scope="col">{t("till.sale.columns.product")}</th>
                <th scope="col">{t("till.sale.columns.quantity")}</th>
                <th scope="col" className="num">
                  {t("till.sale.columns.lineTotal")}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t("till.sale.columns.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.lines.map((line) => (
                <SaleLine key={line.productId} line={line} reply={reply} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty">{t("till.sale.empty")}</p>
      )}
      <SaleTotals draft={draft} />
    </section>
  );
}

function SaleLine({ line, reply }: { line: TillDraft["lines"][number]; reply: TillReply }) {
  const { t } = useTranslation();
  const message = useMessage();
  const field = lineField(line.productId);
  const error = reply?.errors[field];
  const beyond = line.quantity > line.onShelf;
  return (
    <tr>
      <td>
        <span className="certs__name">{line.name}</span>
        <div className="muted">
          <Money fen={line.unitPriceFen} /> · {line.unit}
          {line.aidEligible ? <span className="till__aid"> · {t("till.sale.aidTag")}</span> : null}
        </div>
      </td>
      <td>
        <input
          id={`field-${field}`}
          name={field}
          className="till__qty"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_TILL_QUANTITY}
          defaultValue={reply?.values[field] ?? String(line.quantity)}
          aria-label={t("till.sale.quantityOf", { name: line.name })}
          aria-invalid={error || beyond ? true : undefined}
          aria-describedby={`${field}-note`}
        />
        <p className={error || beyond ? "field-error" : "field-hint"} id={`${field}-note`}>
          {error
            ? message(error, reply?.params?.[field])
            : beyond
              ? t("till.sale.beyondShelf", { count: line.onShelf })
              : t("till.sale.onShelf", { count: line.onShelf })}
        </p>
      </td>
      <td className="num">
        <Money fen={line.lineTotalFen} />
      </td>
      <td>
        <button
          type="submit"
          name="intent"
          value={`remove-${line.productId}`}
          className="button button--ghost"
          aria-label={t("till.sale.removeLabel", { name: line.name })}
        >
          {t("till.sale.remove")}
        </button>
      </td>
    </tr>
  );
}

function SaleTotals({ draft }: { draft: TillDraft }) {
  const { t } = useTranslation();
  return (
    <div className="till__totals" data-testid="till-total">
      <p>
        {t("till.sale.total")} <Money fen={draft.totalFen} className="till__total" />
      </p>
      <p className="muted">
        {t("till.sale.aidEligible")} <Money fen={draft.aidEligibleFen} className="aid-figure" />
      </p>
    </div>
  );
}
