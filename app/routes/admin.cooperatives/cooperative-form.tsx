import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { FormAlert } from "~/components/form-alert";
import { COOPERATIVE_KINDS } from "~/domain/admin/admin-input";
import type { FormReply } from "~/utils/forms";

/** Registers a producer; `reply` is the action's answer when it refused the last try. */
export function CooperativeForm({
  counties,
  reply,
}: {
  counties: Array<{ code: string; name: string }>;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const v = reply?.values ?? {};
  const e = reply?.errors ?? {};
  return (
    <section className="office-panel" aria-labelledby="coop-create-title">
      <h2 id="coop-create-title">{t("admin.cooperatives.createTitle")}</h2>
      <FormAlert reply={reply} />
      <Form method="post" noValidate>
        <div className="field-row--two">
          <Field
            name="nameZh"
            label={t("admin.cooperatives.fields.nameZh")}
            error={e.nameZh}
            defaultValue={v.nameZh}
            required
            maxLength={60}
          />
          <Field
            name="nameEn"
            label={t("admin.cooperatives.fields.nameEn")}
            error={e.nameEn}
            defaultValue={v.nameEn}
            required
            maxLength={100}
          />
        </div>
        <Field
          name="slug"
          label={t("admin.cooperatives.fields.slug")}
          hint={t("admin.cooperatives.fields.slugHint")}
          error={e.slug}
          defaultValue={v.slug}
          required
          maxLength={60}
        />
        <div className="field-row--two">
          <SelectField
            required
            name="county"
            label={t("admin.cooperatives.fields.county")}
            error={e.county}
            defaultValue={v.county}
            placeholder={t("admin.cooperatives.fields.countyChoose")}
            options={counties.map((c) => ({ value: c.code, label: c.name }))}
          />
          <SelectField
            required
            name="kind"
            label={t("admin.cooperatives.fields.kind")}
            error={e.kind}
            defaultValue={v.kind ?? "cooperative"}
            options={COOPERATIVE_KINDS.map((k) => ({
              value: k,
              label: t(`admin.kinds.${k}`),
            }))}
          />
        </div>
        <ProducerFacts values={v} errors={e} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("admin.cooperatives.creating") : t("admin.cooperatives.create")}
        </button>
      </Form>
    </section>
  );
}

/** How many farmers it reaches, since when, and its story in both languages. */
function ProducerFacts({ values: v, errors: e }: Pick<FormReply, "values" | "errors">) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field-row--two">
        <Field
          name="farmersReached"
          label={t("admin.cooperatives.fields.farmersReached")}
          hint={t("admin.cooperatives.fields.farmersHint")}
          error={e.farmersReached}
          defaultValue={v.farmersReached}
          required
          inputMode="numeric"
        />
        <Field
          name="foundedYear"
          label={t("admin.cooperatives.fields.foundedYear")}
          error={e.foundedYear}
          defaultValue={v.foundedYear}
          required
          inputMode="numeric"
        />
      </div>
      <TextAreaField
        name="storyZh"
        maxLength={2000}
        label={t("admin.cooperatives.fields.storyZh")}
        error={e.storyZh}
        defaultValue={v.storyZh}
      />
      <TextAreaField
        name="storyEn"
        maxLength={2000}
        label={t("admin.cooperatives.fields.storyEn")}
        error={e.storyEn}
        defaultValue={v.storyEn}
      />
    </>
  );
}
