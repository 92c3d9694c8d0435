import { useTranslation } from "react-i18next";
import { ChoiceField, Field } from "~/components/field";
import { BUYER_TYPES, FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { COUNTER_PAYMENTS } from "~/domain/counters/till-fields";
import type { TillReply } from "./sale-form";

/** How the buyer paid at the counter, and (optionally) who they are. */
export function BuyerFields({ reply }: { reply: TillReply }) {
  const { t } = useTranslation();
  const values = reply?.values ?? {};
  const errors = reply?.errors ?? {};
  return (
    <div className="office-panel till__buyer">
      <ChoiceField
        name="payment"
        label={t("till.sale.paymentTitle")}
        error={errors.payment}
        defaultValue={values.payment ?? "cash"}
        required
        options={COUNTER_PAYMENTS.map((p) => ({ value: p, label: t(`till.sale.payments.${p}`) }))}
      />
      <fieldset className="checkout__buyer till__who">
        <legend>{t("till.sale.buyerTitle")}</legend>
        <p className="field-hint">{t("till.sale.buyerHint")}</p>
        <ChoiceField
          name="buyerType"
          label={t("till.sale.buyerType")}
          error={errors.buyerType}
          defaultValue={values.buyerType ?? "individual"}
          options={BUYER_TYPES.map((b) => ({ value: b, label: t(`buyerType.${b}`) }))}
        />
        {/* Shown by CSS (:has) once an institution type is picked, as at checkout. */}
        <div className="institution">
          <Field
            name="orgName"
            label={t("till.sale.orgName")}
            defaultValue={values.orgName}
            error={errors.orgName}
            maxLength={80}
          />
          <ChoiceField
            name="fundingSource"
            label={t("till.sale.fundingSource")}
            error={errors.fundingSource}
            defaultValue={values.fundingSource}
            options={FUNDING_SOURCES.map((f) => ({ value: f, label: t(`fundingSource.${f}`) }))}
          />
        </div>
        <Field
          name="creditCode"
          label={t("till.sale.creditCode")}
          hint={t("till.sale.creditCodeHint")}
          defaultValue={values.creditCode}
          error={errors.creditCode}
          maxLength={24}
          autoComplete="off"
        />
        <Field
          name="phone"
          label={t("till.sale.phone")}
          hint={t("till.sale.phoneHint")}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          defaultValue={values.phone}
          error={errors.phone}
          maxLength={20}
        />
      </fieldset>
    </div>
  );
}
