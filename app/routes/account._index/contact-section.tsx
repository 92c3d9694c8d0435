import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { IntentButton } from "~/components/intent-button";

/** The messages the code field shows beside itself; the rest are said above the page. */
const CODE_ERRORS = ["auth.errors.code", "auth.errors.verifyInvalid"];

/** A contact, whether it is verified, and the button that sends a link or code if not. */
function ContactItem({
  value,
  verified,
  channel,
}: {
  value: string;
  verified: boolean;
  channel: "email" | "phone";
}) {
  const { t } = useTranslation();
  return (
    <li>
      {value} · {verified ? t("auth.verified") : t("auth.notVerified")}
      {!verified ? (
        <IntentButton
          intent="send"
          fields={{ channel }}
          formClassName="inline-form"
          className="button button--small button--ghost"
        >
          {channel === "email" ? t("auth.sendEmailLink") : t("auth.sendSmsCode")}
        </IntentButton>
      ) : null}
    </li>
  );
}

/** The person's email and phone, and the form that takes an SMS code. */
export function ContactSection({
  user,
  error,
  typedCode,
}: {
  user: {
    email: string | null;
    phone: string | null;
    emailVerified: boolean;
    phoneVerified: boolean;
  };
  /** what the last post was refused for */
  error: string | undefined;
  typedCode: string | undefined;
}) {
  const { t } = useTranslation();
  const needsPhoneCode = Boolean(user.phone && !user.phoneVerified);
  return (
    <section className="section" aria-labelledby="contact-title">
      <h2 id="contact-title">{t("auth.contact")}</h2>
      <ul className="contact-list">
        {user.email ? (
          <ContactItem value={user.email} verified={user.emailVerified} channel="email" />
        ) : null}
        {user.phone ? (
          <ContactItem value={user.phone} verified={user.phoneVerified} channel="phone" />
        ) : null}
      </ul>
      {needsPhoneCode ? (
        <Form method="post" noValidate className="narrow-form">
          <input type="hidden" name="intent" value="code" />
          <Field
            name="code"
            label={t("auth.code")}
            inputMode="numeric"
            maxLength={6}
            autoComplete="one-time-code"
            defaultValue={typedCode}
            error={error && CODE_ERRORS.includes(error) ? error : undefined}
          />
          <button type="submit" className="button button--small">
            {t("auth.submitCode")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
