import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  CERT_KINDS,
  certField,
  MAX_CERTS,
  type CertificationInput,
} from "~/domain/coop/product-input";
import type { FieldErrors } from "~/utils/forms";
import { Field, SelectField, TextAreaField } from "./field";

export type FormValues = Record<string, string>;
export type ErrorParams = Record<string, Record<string, string | number>>;

/** A stored product as the form's text values (price back in yuan, certificates as rows). */
export function productFormValues(p: {
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  storyZh: string;
  storyEn: string;
  categoryCode: string;
  unitZh: string;
  unitEn: string;
  priceYuan: string;
  shelfLifeDays: number;
  coldChain: boolean;
  storageZh: string;
  storageEn: string;
  harvestSeasonZh: string | null;
  harvestSeasonEn: string | null;
  certifications: CertificationInput[];
}): FormValues {
  const values: FormValues = {
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    summaryZh: p.summaryZh,
    summaryEn: p.summaryEn,
    storyZh: p.storyZh,
    storyEn: p.storyEn,
    category: p.categoryCode,
    unitZh: p.unitZh,
    unitEn: p.unitEn,
    price: p.priceYuan,
    shelfLifeDays: String(p.shelfLifeDays),
    storageZh: p.storageZh,
    storageEn: p.storageEn,
    harvestSeasonZh: p.harvestSeasonZh ?? "",
    harvestSeasonEn: p.harvestSeasonEn ?? "",
  };
  if (p.coldChain) values.coldChain = "on";
  p.certifications.slice(0, MAX_CERTS).forEach((c, i) => {
    values[certField(i, "kind")] = c.kind;
    values[certField(i, "number")] = c.number;
    values[certField(i, "issuedBy")] = c.issuedBy;
    values[certField(i, "expiresOn")] = c.expiresOn;
  });
  return values;
}

/** Filled certificate rows plus two blank ones (a page without JavaScript cannot add rows). */
function certRowCount(values: FormValues): number {
  let last = -1;
  for (let i = 0; i < MAX_CERTS; i++) {
    if (["kind", "number", "issuedBy", "expiresOn"].some((f) => values[`cert.${i}.${f}`])) {
      last = i;
    }
  }
  return Math.min(MAX_CERTS, last + 3);
}

/** A field of this form, reading its value and error from the form's state. */
function TextInput({
  name,
  values,
  errors,
  params,
  multiline = false,
  ...rest
}: {
  name: string;
  label: string;
  values: FormValues;
  errors: FieldErrors;
  params?: ErrorParams;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  type?: string;
  inputMode?: "text" | "decimal" | "numeric";
  maxLength?: number;
  lang?: string;
}) {
  const common = {
    ...rest,
    name,
    defaultValue: values[name] ?? "",
    error: errors[name],
    errorParams: params?.[name],
  };
  if (multiline) {
    const { type: _type, inputMode: _mode, ...area } = common;
    return <TextAreaField {...area} />;
  }
  return <Field {...common} />;
}

function Select({
  name,
  values,
  errors,
  ...rest
}: {
  name: string;
  label: string;
  values: FormValues;
  errors: FieldErrors;
  options: Array<{ value: string; label: string }>;
  placeholder: string;
  required?: boolean;
}) {
  return (
    <SelectField {...rest} name={name} defaultValue={values[name] ?? ""} error={errors[name]} />
  );
}

/** What every fieldset of the form reads: the values, the errors and their parameters. */
interface FormState {
  values: FormValues;
  errors: FieldErrors;
  params?: ErrorParams;
}

type PairSide = { name: string; label: string; maxLength: number; hint?: string };

/** One thing written in Chinese and in English, side by side. */
function LanguagePair({
  state,
  zh,
  en,
  required = false,
}: {
  state: FormState;
  zh: PairSide;
  en: PairSide;
  required?: boolean;
}) {
  return (
    <div className="field-row">
      <TextInput {...zh} required={required} lang="zh-CN" {...state} />
      <TextInput {...en} required={required} lang="en" {...state} />
    </div>
  );
}

function BasicsFields({
  state,
  categories,
  originName,
}: {
  state: FormState;
  categories: Array<{ code: string; name: string }>;
  originName: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t("portal.form.sectionBasics")}</legend>
      <LanguagePair
        state={state}
        required
        zh={{ name: "nameZh", label: t("portal.form.nameZh"), maxLength: 60 }}
        en={{
          name: "nameEn",
          label: t("portal.form.nameEn"),
          hint: t("portal.form.nameEnHint"),
          maxLength: 60,
        }}
      />
      <Select
        name="category"
        label={t("portal.form.category")}
        placeholder={t("portal.form.chooseCategory")}
        options={categories.map((c) => ({ value: c.code, label: c.name }))}
        required
        values={state.values}
        errors={state.errors}
      />
      <p className="portal-form__origin">
        <span className="portal-form__label">{t("portal.form.origin")}</span>
        {t("portal.form.originValue", { name: originName })}
      </p>
    </fieldset>
  );
}

function DescriptionFields({ state }: { state: FormState }) {
  const { t } = useTranslation();
  const fields = [
    { name: "summaryZh", label: t("portal.form.summaryZh"), maxLength: 120, lang: "zh-CN" },
    { name: "summaryEn", label: t("portal.form.summaryEn"), maxLength: 200, lang: "en" },
    { name: "storyZh", label: t("portal.form.storyZh"), maxLength: 2000, lang: "zh-CN" },
    { name: "storyEn", label: t("portal.form.storyEn"), maxLength: 4000, lang: "en" },
  ];
  return (
    <fieldset>
      <legend>{t("portal.form.sectionDescription")}</legend>
      {fields.map((field) => (
        <TextInput
          key={field.name}
          {...field}
          required={field.name === "summaryZh"}
          multiline={field.name.startsWith("story")}
          {...state}
        />
      ))}
    </fieldset>
  );
}

/** Unit and price; the opening stock on a new product, the reason for a change on an edit. */
function SaleFields({ state, mode }: { state: FormState; mode: "new" | "edit" }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t("portal.form.sectionSale")}</legend>
      <LanguagePair
        state={state}
        required
        zh={{
          name: "unitZh",
          label: t("portal.form.unitZh"),
          hint: t("portal.form.unitZhHint"),
          maxLength: 20,
        }}
        en={{ name: "unitEn", label: t("portal.form.unitEn"), maxLength: 30 }}
      />
      <div className="field-row">
        <TextInput
          name="price"
          label={t("portal.form.price")}
          hint={t("portal.form.priceHint")}
          required
          inputMode="decimal"
          maxLength={12}
          {...state}
        />
        {mode === "new" ? (
          <TextInput
            name="stock"
            label={t("portal.form.stock")}
            hint={t("portal.form.stockHint")}
            required
            inputMode="numeric"
            maxLength={8}
            {...state}
          />
        ) : null}
      </div>
      {mode === "edit" ? (
        <TextInput
          name="why"
          label={t("portal.form.why")}
          hint={t("portal.form.whyHint")}
          maxLength={200}
          {...state}
        />
      ) : null}
    </fieldset>
  );
}

function LogisticsFields({ state }: { state: FormState }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t("portal.form.sectionLogistics")}</legend>
      <div className="field-row">
        <TextInput
          name="shelfLifeDays"
          label={t("portal.form.shelfLifeDays")}
          required
          inputMode="numeric"
          maxLength={4}
          {...state}
        />
      </div>
      <div className="field field--check">
        <input
          id="field-coldChain"
          type="checkbox"
          name="coldChain"
          defaultChecked={state.values.coldChain === "on"}
          aria-describedby="field-coldChain-hint"
        />
        <label htmlFor="field-coldChain">{t("portal.form.coldChain")}</label>
        <p className="field-hint" id="field-coldChain-hint">
          {t("portal.form.coldChainHint")}
        </p>
      </div>
      <LanguagePair
        state={state}
        zh={{ name: "storageZh", label: t("portal.form.storageZh"), maxLength: 100 }}
        en={{ name: "storageEn", label: t("portal.form.storageEn"), maxLength: 160 }}
      />
      <LanguagePair
        state={state}
        zh={{
          name: "harvestSeasonZh",
          label: t("portal.form.harvestSeasonZh"),
          hint: t("portal.form.harvestSeasonHint"),
          maxLength: 40,
        }}
        en={{ name: "harvestSeasonEn", label: t("portal.form.harvestSeasonEn"), maxLength: 60 }}
      />
    </fieldset>
  );
}

function CertFields({ state }: { state: FormState }) {
  const { t } = useTranslation();
  const rows = certRowCount(state.values);
  const kinds = CERT_KINDS.map((k) => ({ value: k, label: t(`cert.${k}`) }));
  return (
    <fieldset>
      <legend>{t("portal.form.sectionCerts")}</legend>
      <p className="field-hint">{t("portal.form.certsHint")}</p>
      {Array.from({ length: rows }, (_, i) => (
        <fieldset key={i} className="cert-row">
          <legend>{t("portal.form.certRow", { n: i + 1 })}</legend>
          <Select
            name={certField(i, "kind")}
            label={t("portal.form.certKind")}
            placeholder={t("portal.form.chooseKind")}
            options={kinds}
            values={state.values}
            errors={state.errors}
          />
          <TextInput
            name={certField(i, "number")}
            label={t("portal.form.certNumber")}
            maxLength={40}
            {...state}
          />
          <TextInput
            name={certField(i, "issuedBy")}
            label={t("portal.form.certIssuer")}
            maxLength={60}
            {...state}
          />
          <TextInput
            name={certField(i, "expiresOn")}
            label={t("portal.form.certExpires")}
            hint={t("portal.form.certExpiresHint")}
            type="date"
            {...state}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}

/**
 * The product form of the cooperative portal, for a new product and for editing one. Works
 * without JavaScript; every error shows beside its field with what was typed kept.
 */
export function ProductForm({
  mode,
  values,
  errors,
  errorParams,
  categories,
  originName,
  submitting,
  pictures = null,
}: {
  mode: "new" | "edit";
  values: FormValues;
  errors: FieldErrors;
  errorParams?: ErrorParams;
  categories: Array<{ code: string; name: string }>;
  originName: string;
  submitting: boolean;
  /** picture fields (the new-product form): the form is then posted as multipart */
  pictures?: ReactNode;
}) {
  const { t } = useTranslation();
  const state: FormState = { values, errors, params: errorParams };
  return (
    <Form
      method="post"
      className="portal-form"
      noValidate
      encType={pictures ? "multipart/form-data" : undefined}
    >
      {mode === "edit" ? <input type="hidden" name="intent" value="update" /> : null}
      <BasicsFields state={state} categories={categories} originName={originName} />
      <DescriptionFields state={state} />
      <SaleFields state={state} mode={mode} />
      <LogisticsFields state={state} />
      <CertFields state={state} />
      {pictures}
      <div className="button-row">
        <button type="submit" className="button button--large" disabled={submitting}>
          {submitting
            ? t("portal.form.saving")
            : mode === "new"
              ? t("portal.form.create")
              : t("portal.form.save")}
        </button>
      </div>
    </Form>
  );
}
