import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import type { FormAnswer, ProfileView } from "./form-answer";

/** Whether, and by which name, the buyer is listed on the public thanks board. */
export function ThanksSettingsForm({
  profile,
  reply,
}: {
  profile: ProfileView;
  reply: FormAnswer;
}) {
  const { t } = useTranslation();
  const values = reply?.values;
  return (
    <section className="contrib-panel" aria-labelledby="thanks-title">
      <h2 id="thanks-title">{t("contrib.thanks.settingsTitle")}</h2>
      <p className="muted">
        {t("contrib.thanks.settingsLead")} <Link to="/thanks">{t("contrib.thanks.link")}</Link>
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="thanks" />
        <label className="opt-in">
          <input
            type="checkbox"
            name="optIn"
            value="1"
            defaultChecked={values ? values.optIn === "1" : profile.thanksOptIn}
          />
          <span>{t("contrib.thanks.optIn")}</span>
        </label>
        <Field
          name="thanksName"
          label={t("contrib.thanks.name")}
          error={reply?.errors.thanksName}
          defaultValue={values?.thanksName ?? profile.thanksName}
          maxLength={20}
          hint={t("contrib.thanks.nameHint", { masked: profile.publicName })}
        />
        <button type="submit" className="button">
          {t("contrib.thanks.save")}
        </button>
      </Form>
    </section>
  );
}
