import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { FormAlert } from "~/components/form-alert";
import { STAFF_ROLES } from "~/domain/admin/admin-input";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";

type Cooperative = { id: number; name: string; county: string };
type Counter = { id: number; name: string; district: string };

/**
 * Opens a staff account: who, how they sign in, their role, a manager's cooperatives and a
 * counter clerk's counter.
 */
export function StaffForm({
  cooperatives,
  counters,
  reply,
}: {
  cooperatives: Cooperative[];
  counters: Counter[];
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const values = reply?.values ?? {};
  const errors = reply?.errors ?? {};
  return (
    <section className="office-panel" aria-labelledby="user-create-title">
      <h2 id="user-create-title">{t("admin.users.createTitle")}</h2>
      <FormAlert reply={reply} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="create" />
        <div className="field-row--two">
          <Field
            name="name"
            label={t("admin.users.fields.name")}
            hint={t("admin.users.fields.nameHint")}
            error={errors.name}
            defaultValue={values.name}
            required
            maxLength={40}
            autoComplete="off"
          />
          <Field
            name="login"
            label={t("admin.users.fields.login")}
            hint={t("admin.users.fields.loginHint")}
            error={errors.login}
            defaultValue={values.login}
            required
            maxLength={120}
            autoComplete="off"
          />
        </div>
        <div className="field-row--two">
          <RoleField value={values.role} error={errors.role} />
          <Field
            name="password"
            label={t("admin.users.fields.password")}
            hint={t("admin.users.fields.passwordHint")}
            error={errors.password}
            type="password"
            required
            autoComplete="new-password"
          />
        </div>
        <CooperativeChecks
          cooperatives={cooperatives}
          ticked={values.cooperativeIds}
          error={errors.cooperativeIds}
        />
        <CounterField counters={counters} value={values.counterId} error={errors.counterId} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("admin.users.creating") : t("admin.users.create")}
        </button>
      </Form>
    </section>
  );
}

function RoleField({ value, error }: { value?: string; error?: string }) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor="field-role">
        {t("admin.users.fields.role")}
        <span aria-hidden="true" className="required">
          *
        </span>
      </label>
      <select
        id="field-role"
        name="role"
        defaultValue={value ?? "coop_manager"}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "field-role-error" : undefined}
      >
        {STAFF_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`admin.roles.${role}`)}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id="field-role-error">
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

/** The cooperatives a new manager looks after (`ticked`: the ids sent, comma-separated). */
function CooperativeChecks({
  cooperatives,
  ticked,
  error,
}: {
  cooperatives: Cooperative[];
  ticked?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const tickedIds = new Set((ticked ?? "").split(",").filter(Boolean));
  return (
    <fieldset
      className={error ? "checks checks--invalid" : "checks"}
      aria-describedby={error ? "field-cooperativeIds-error" : "field-cooperativeIds-hint"}
    >
      <legend>{t("admin.users.fields.cooperatives")}</legend>
      <p className="field-hint" id="field-cooperativeIds-hint">
        {t("admin.users.fields.cooperativesHint")}
      </p>
      {cooperatives.map((c) => (
        <label key={c.id}>
          <input
            type="checkbox"
            name="cooperativeIds"
            value={c.id}
            defaultChecked={tickedIds.has(String(c.id))}
          />
          {c.name}
          <span className="muted">· {c.county}</span>
        </label>
      ))}
      {error ? (
        <p className="field-error" id="field-cooperativeIds-error">
          {message(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The counter a new member of counter staff works at (that role only; ADR 047). */
function CounterField({
  counters,
  value,
  error,
}: {
  counters: Counter[];
  value?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const described = [error ? "field-counterId-error" : null, "field-counterId-hint"];
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor="field-counterId">{t("admin.users.fields.counter")}</label>
      <select
        id="field-counterId"
        name="counterId"
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={described.filter(Boolean).join(" ")}
      >
        <option value="">{t("admin.users.fields.counterNone")}</option>
        {counters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} · {c.district}
          </option>
        ))}
      </select>
      <p className="field-hint" id="field-counterId-hint">
        {t("admin.users.fields.counterHint")}
      </p>
      {error ? (
        <p className="field-error" id="field-counterId-error">
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}
