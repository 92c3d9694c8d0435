import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { membershipSchema, parseStaffForm, STAFF_ROLES } from "~/domain/admin/admin-input";
import {
  assignManager,
  createStaffAccount,
  listCooperativesForAdmin,
  listStaff,
  unassignManager,
} from "~/domain/admin/admin.server";
import { parseLogin } from "~/domain/auth/accounts.server";
import { DomainError } from "~/domain/errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { useMessage } from "~/i18n/use-message";
import { getDb } from "~/utils/db.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireAdmin } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.adminUsers"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { db, locale } = await storeContext(request);
  const [staff, cooperatives] = await Promise.all([
    listStaff(db, locale),
    listCooperativesForAdmin(db, locale),
  ]);
  return json(
    {
      staff: staff.map((s) => ({
        id: s.id,
        name: s.name,
        login: s.login,
        role: s.role,
        disabled: s.disabled,
        cooperatives: s.cooperatives,
      })),
      cooperatives: cooperatives.map((c) => ({ id: c.id, name: c.name, county: c.countyName })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
};

function refusal(intent: string, error: DomainError, values: Record<string, string>) {
  return json<ActionData>(
    {
      intent,
      errors: error.field && intent === "create" ? { [error.field]: error.code } : {},
      values,
      formError: error.field && intent === "create" ? undefined : error.code,
    },
    { status: error.status },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const actor = { id: user.id, name: user.name };
  const db = await getDb();
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");

  if (intent === "create") {
    const parsed = parseStaffForm(form);
    if (!parsed.ok) {
      // the login's format needs the server's parser; report it with the other mistakes
      const login = parsed.values.login?.trim();
      if (login && !parsed.errors.login && !parseLogin(login)) {
        parsed.errors.login = "admin.errors.login";
      }
      return json<ActionData>(
        { intent, errors: parsed.errors, values: parsed.values },
        { status: 400 },
      );
    }
    try {
      const id = await createStaffAccount(db, parsed.data, { actor });
      return redirect(`/admin/users?created=${id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { password: _password, ...kept } = parsed.data;
      return refusal(intent, error, {
        ...kept,
        cooperativeIds: parsed.data.cooperativeIds.join(","),
      });
    }
  }

  if (intent === "assign" || intent === "unassign") {
    const parsed = parseForm(membershipSchema, form);
    if (!parsed.ok) {
      return json<ActionData>(
        { intent, errors: {}, values: {}, formError: Object.values(parsed.errors)[0] },
        { status: 400 },
      );
    }
    try {
      if (intent === "assign") await assignManager(db, parsed.data, { actor });
      else await unassignManager(db, parsed.data, { actor });
      return redirect(`/admin/users?updated=${parsed.data.userId}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refusal(intent, error, {});
    }
  }

  return json<ActionData>(
    { intent, errors: {}, values: {}, formError: "admin.errors.intent" },
    { status: 400 },
  );
}

export default function AdminUsers() {
  const { staff, cooperatives } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const createData = actionData?.intent === "create" ? actionData : undefined;
  const otherError = actionData && !createData ? actionData.formError : undefined;
  const v = createData?.values ?? {};
  const e = createData?.errors ?? {};
  const ticked = new Set((v.cooperativeIds ?? "").split(",").filter(Boolean));
  const created = staff.find((s) => String(s.id) === params.get("created"));
  const updated = staff.find((s) => String(s.id) === params.get("updated"));
  const busy = navigation.state === "submitting";
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t("admin.users.title")}</h1>
      <p className="section__lead">{t("admin.users.lead")}</p>
      {otherError ? (
        <p className="alert alert--error" role="alert">
          {message(otherError)}
        </p>
      ) : created && !actionData ? (
        <p className="alert alert--success" role="status">
          {t("admin.users.created", { name: created.name })}
        </p>
      ) : updated && !actionData ? (
        <p className="alert alert--success" role="status">
          {t("admin.users.assigned", { name: updated.name })}
        </p>
      ) : null}

      <section className="section" aria-labelledby="staff-title">
        <h2 id="staff-title">{t("admin.users.listTitle", { count: staff.length })}</h2>
        {staff.length ? (
          <TableScroll labelledBy="staff-title">
            <table className="certs" data-testid="staff">
              <thead>
                <tr>
                  <th scope="col">{t("admin.users.name")}</th>
                  <th scope="col">{t("admin.users.login")}</th>
                  <th scope="col">{t("admin.users.role")}</th>
                  <th scope="col">{t("admin.users.cooperatives")}</th>
                </tr>
              </thead>
              <tbody>
                {staff.map((s) => {
                  const unassigned = cooperatives.filter(
                    (c) => !s.cooperatives.some((m) => m.id === c.id),
                  );
                  return (
                    <tr key={s.id}>
                      <td>
                        {s.name}
                        {s.disabled ? (
                          <strong className="tag tag--warn">{t("admin.users.disabled")}</strong>
                        ) : null}
                      </td>
                      <td>{s.login}</td>
                      <td>{t(`admin.roles.${s.role}`)}</td>
                      <td>
                        {s.role !== "coop_manager" ? (
                          <span className="muted">{t("admin.users.none")}</span>
                        ) : (
                          <>
                            <ul className="coop-tags">
                              {s.cooperatives.map((c) => (
                                <li key={c.id}>
                                  {c.name}
                                  {s.cooperatives.length > 1 ? (
                                    <Form method="post">
                                      <input type="hidden" name="intent" value="unassign" />
                                      <input type="hidden" name="userId" value={s.id} />
                                      <input type="hidden" name="cooperativeId" value={c.id} />
                                      <button
                                        type="submit"
                                        className="link-button"
                                        aria-label={t("admin.users.unassignNamed", {
                                          name: s.name,
                                          cooperative: c.name,
                                        })}
                                      >
                                        {t("admin.users.unassign")}
                                      </button>
                                    </Form>
                                  ) : null}
                                </li>
                              ))}
                            </ul>
                            {unassigned.length ? (
                              <Form method="post" className="inline-form">
                                <input type="hidden" name="intent" value="assign" />
                                <input type="hidden" name="userId" value={s.id} />
                                <label className="visually-hidden" htmlFor={`assign-${s.id}`}>
                                  {t("admin.users.assignLabel", { name: s.name })}
                                </label>
                                <select id={`assign-${s.id}`} name="cooperativeId" required>
                                  <option value="">{t("admin.users.assignChoose")}</option>
                                  {unassigned.map((c) => (
                                    <option key={c.id} value={c.id}>
                                      {c.name}
                                    </option>
                                  ))}
                                </select>
                                <button type="submit" className="button button--small">
                                  {t("admin.users.assign")}
                                </button>
                              </Form>
                            ) : null}
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="empty">{t("admin.users.empty")}</p>
        )}
      </section>

      <section className="office-panel" aria-labelledby="user-create-title">
        <h2 id="user-create-title">{t("admin.users.createTitle")}</h2>
        {createData?.formError ? (
          <p className="alert alert--error" role="alert">
            {message(createData.formError)}
          </p>
        ) : Object.keys(e).length ? (
          <p className="alert alert--error" role="alert">
            {t("forms.fixErrors", { count: Object.keys(e).length })}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <div className="field-row--two">
            <Field
              name="name"
              label={t("admin.users.fields.name")}
              hint={t("admin.users.fields.nameHint")}
              error={e.name}
              defaultValue={v.name}
              required
              maxLength={40}
              autoComplete="off"
            />
            <Field
              name="login"
              label={t("admin.users.fields.login")}
              hint={t("admin.users.fields.loginHint")}
              error={e.login}
              defaultValue={v.login}
              required
              maxLength={120}
              autoComplete="off"
            />
          </div>
          <div className="field-row--two">
            <div className={e.role ? "field field--invalid" : "field"}>
              <label htmlFor="field-role">
                {t("admin.users.fields.role")}
                <span aria-hidden="true" className="required">
                  *
                </span>
              </label>
              <select
                id="field-role"
                name="role"
                defaultValue={v.role ?? "coop_manager"}
                aria-invalid={e.role ? true : undefined}
                aria-describedby={e.role ? "field-role-error" : undefined}
              >
                {STAFF_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`admin.roles.${r}`)}
                  </option>
                ))}
              </select>
              {e.role ? (
                <p className="field-error" id="field-role-error">
                  {message(e.role)}
                </p>
              ) : null}
            </div>
            <Field
              name="password"
              label={t("admin.users.fields.password")}
              hint={t("admin.users.fields.passwordHint")}
              error={e.password}
              type="password"
              required
              autoComplete="new-password"
            />
          </div>
          <fieldset
            className={e.cooperativeIds ? "checks checks--invalid" : "checks"}
            aria-describedby={
              e.cooperativeIds ? "field-cooperativeIds-error" : "field-cooperativeIds-hint"
            }
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
                  defaultChecked={ticked.has(String(c.id))}
                />
                {c.name}
                <span className="muted">· {c.county}</span>
              </label>
            ))}
            {e.cooperativeIds ? (
              <p className="field-error" id="field-cooperativeIds-error">
                {message(e.cooperativeIds)}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("admin.users.creating") : t("admin.users.create")}
          </button>
        </Form>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
