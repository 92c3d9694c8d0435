import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";

/** Whether the amount is added to the stock (a minus takes away) or is the counted level. */
function ModeField({ mode, error }: { mode: string | undefined; error: string | undefined }) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <fieldset className={error ? "field field--invalid" : "field"}>
      <legend>{t("portal.stock.mode")}</legend>
      <label className="check">
        <input type="radio" name="mode" value="add" defaultChecked={(mode ?? "add") === "add"} />{" "}
        {t("portal.stock.add")}
      </label>
      <label className="check">
        <input type="radio" name="mode" value="set" defaultChecked={mode === "set"} />{" "}
        {t("portal.stock.set")}
      </label>
      {error ? <p className="field-error">{message(error)}</p> : null}
    </fieldset>
  );
}

function StockForm({ form, reply, busy }: Omit<StockPanelProps, "stock"> & { form: PanelForm }) {
  const { t } = useTranslation();
  const message = useMessage();
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? {};
  const whyHint = "field-stock-why-hint";
  return (
    <Form method="post" action={form.self} key={`stock-${form.version}`} noValidate>
      <input type="hidden" name="intent" value="stock" />
      <ModeField mode={values.mode} error={errors.mode} />
      <div className={errors.amount ? "field field--invalid" : "field"}>
        <label htmlFor="field-amount">{t("portal.stock.amount")}</label>
        <input
          id="field-amount"
          name="amount"
          inputMode="numeric"
          required
          maxLength={9}
          defaultValue={values.amount ?? ""}
          aria-invalid={errors.amount ? true : undefined}
          aria-describedby={errors.amount ? "field-amount-error" : undefined}
        />
        {errors.amount ? (
          <p className="field-error" id="field-amount-error">
            {message(errors.amount, reply?.params?.amount)}
          </p>
        ) : null}
      </div>
      <div className={errors.why ? "field field--invalid" : "field"}>
        <label htmlFor="field-stock-why">{t("portal.stock.why")}</label>
        <input
          id="field-stock-why"
          name="why"
          required
          maxLength={200}
          defaultValue={values.why ?? ""}
          aria-invalid={errors.why ? true : undefined}
          aria-describedby={errors.why ? `field-stock-why-error ${whyHint}` : whyHint}
        />
        <p className="field-hint" id={whyHint}>
          {t("portal.stock.whyHint")}
        </p>
        {errors.why ? (
          <p className="field-error" id="field-stock-why-error">
            {message(errors.why)}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t("portal.stock.submit")}
      </button>
    </Form>
  );
}

type PanelForm = { self: string; version: number };

interface StockPanelProps {
  stock: number;
  /** null when archived: the level shows, nothing changes it */
  form: PanelForm | null;
  reply: FormReply | undefined;
  busy: boolean;
}

/** The stock level and the adjustment form. */
export function StockPanel({ stock, form, reply, busy }: StockPanelProps) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="stock-title">
      <h2 id="stock-title">{t("portal.stock.title")}</h2>
      <p data-testid="current-stock">{t("portal.stock.current", { count: stock })}</p>
      {form ? <StockForm form={form} reply={reply} busy={busy} /> : null}
    </section>
  );
}
