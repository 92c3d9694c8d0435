import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { INSTITUTION_TYPES } from "~/domain/institutions/institution-fields";
import { ChoiceField, Field, SelectField } from "~/components/field";
import type { FormReply } from "~/utils/forms";

/** The profile's values as the form starts with them (the reserved share in whole 元). */
export interface InstitutionValues {
  name: string;
  creditCode: string | null;
  type: string;
  fundingSource: string;
  reservedShareYuan: string;
  thanksOptIn: boolean;
}

/** Registers an institution, or (for its administrator) corrects its details. */
export function InstitutionForm({
  intent,
  start,
  reply,
}: {
  intent: "create" | "update";
  start: InstitutionValues | null;
  reply: (FormReply & { intent: string }) | null;
}) {
  const { t } = useTranslation();
  const errors = reply?.errors ?? {};
  const typed = reply?.values;
  const value = (name: keyof InstitutionValues) =>
    typed ? (typed[name] ?? "") : String(start?.[name] ?? "");
  return (
    <Form method="post" noValidate className="institution-form">
      <input type="hidden" name="intent" value={intent} />
      <Field
        name="name"
        label={t("institutions.name")}
        error={errors.name}
        defaultValue={value("name")}
        maxLength={80}
        autoComplete="organization"
        required
      />
      <Field
        name="creditCode"
        label={t("institutions.creditCode")}
        error={errors.creditCode}
        hint={t("institutions.creditCodeHint")}
        defaultValue={value("creditCode")}
        maxLength={24}
        required
      />
      <ChoiceField
        name="type"
        label={t("institutions.type")}
        error={errors.type}
        defaultValue={value("type")}
        required
        options={INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`buyerType.${v}`) }))}
      />
      <SelectField
        name="fundingSource"
        label={t("institutions.fundingSource")}
        error={errors.fundingSource}
        defaultValue={value("fundingSource")}
        placeholder={t("institutions.choose")}
        required
        options={FUNDING_SOURCES.map((v) => ({ value: v, label: t(`fundingSource.${v}`) }))}
      />
      <Field
        name="reservedShareYuan"
        label={t("institutions.reservedShare")}
        error={errors.reservedShareYuan}
        hint={t("institutions.reservedShareHint")}
        defaultValue={value("reservedShareYuan")}
        inputMode="decimal"
        maxLength={16}
      />
      <label className="opt-in">
        <input
          type="checkbox"
          name="thanksOptIn"
          value="1"
          defaultChecked={typed ? typed.thanksOptIn === "1" : Boolean(start?.thanksOptIn)}
        />
        {t("institutions.thanksOptIn")}
      </label>
      <button type="submit" className="button">
        {intent === "create" ? t("institutions.create") : t("institutions.save")}
      </button>
    </Form>
  );
}
