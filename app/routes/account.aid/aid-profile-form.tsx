import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { BuyerType } from "#db/schema";
import { BUYER_TYPES, FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { Field } from "~/components/field";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";

/** The buyer's settings as the page's forms start with them. */
export interface ProfileView {
  buyerType: BuyerType;
  orgName: string;
  fundingSource: string;
  reservedShareYuan: string;
  thanksOptIn: boolean;
  thanksName: string;
  publicName: string;
}

/** The action's answer to this form, or null when it answered another (or none). */
export type FormAnswer = (FormReply & { intent: string }) | null;

function FundingSourceField({ error, defaultValue }: { error?: string; defaultValue: string }) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor="field-fundingSource">{t("contrib.profile.fundingSource")}</label>
      <select
        id="field-fundingSource"
        name="fundingSource"
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "field-fundingSource-error" : undefined}
      >
        <option value="">{t("contrib.profile.choose")}</option>
        {FUNDING_SOURCES.map((f) => (
          <option key={f} value={f}>
            {t(`fundingSource.${f}`)}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id="field-fundingSource-error">
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

/** Who buys (a person or an institution), and an institution's yearly reserved share. */
export function AidProfileForm({ profile, reply }: { profile: ProfileView; reply: FormAnswer }) {
  const { t } = useTranslation();
  const message = useMessage();
  const errors = reply?.errors ?? {};
  const values = reply?.values;
  return (
    <section className="contrib-panel" aria-labelledby="profile-title">
      <h2 id="profile-title">{t("contrib.profile.title")}</h2>
      <p className="muted">{t("contrib.profile.lead")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="profile" />
        <div className={errors.buyerType ? "field field--invalid" : "field"}>
          <label htmlFor="field-buyerType">{t("contrib.profile.buyerType")}</label>
          <select
            id="field-buyerType"
            name="buyerType"
            defaultValue={values?.buyerType ?? profile.buyerType}
          >
            {BUYER_TYPES.map((b) => (
              <option key={b} value={b}>
                {t(`buyerType.${b}`)}
              </option>
            ))}
          </select>
          {errors.buyerType ? <p className="field-error">{message(errors.buyerType)}</p> : null}
        </div>
        <Field
          name="orgName"
          label={t("contrib.profile.orgName")}
          error={errors.orgName}
          defaultValue={values?.orgName ?? profile.orgName}
          maxLength={80}
          autoComplete="organization"
        />
        <FundingSourceField
          error={errors.fundingSource}
          defaultValue={values?.fundingSource ?? profile.fundingSource}
        />
        <Field
          name="reservedShareYuan"
          label={t("contrib.profile.reservedShare")}
          error={errors.reservedShareYuan}
          defaultValue={values?.reservedShareYuan ?? profile.reservedShareYuan}
          inputMode="text"
          maxLength={16}
          hint={t("contrib.profile.reservedShareHint")}
        />
        <button type="submit" className="button">
          {t("contrib.profile.save")}
        </button>
      </Form>
    </section>
  );
}
