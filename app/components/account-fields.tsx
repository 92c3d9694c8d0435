import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";

/** The email-or-phone field that signing in, signing up and a forgotten password share. */
export function LoginField({ error, defaultValue }: { error?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  return (
    <Field
      name="login"
      label={t("auth.loginField")}
      error={error}
      defaultValue={defaultValue}
      required
      autoComplete="username"
    />
  );
}

/** A new password typed twice (sign-up and reset); what was typed is never shown again. */
export function NewPasswordFields({ errors }: { errors?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        name="password"
        label={t("auth.password")}
        error={errors?.password}
        type="password"
        required
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
      />
      <Field
        name="passwordConfirm"
        label={t("auth.passwordConfirm")}
        error={errors?.passwordConfirm}
        type="password"
        required
        autoComplete="new-password"
      />
    </>
  );
}
