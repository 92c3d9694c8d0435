import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  COOPERATIVE_KINDS,
  COOPERATIVE_MULTILINE,
  cooperativeSchema,
} from "~/domain/admin/admin-input";
import {
  createCooperative,
  listCooperativesForAdmin,
  listCountyOptions,
} from "~/domain/admin/admin.server";
import { DomainError } from "~/domain/errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField, TextAreaField } from "~/components/field";
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
    (t) => t("titles.adminCooperatives"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { db, locale } = await storeContext(request);
  const [cooperatives, counties] = await Promise.all([
    listCooperativesForAdmin(db, locale),
    listCountyOptions(db, locale),
  ]);
  return json({ cooperatives, counties }, { headers: { "Cache-Control": "private, no-store" } });
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; formError?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const db = await getDb();
  const parsed = parseForm(cooperativeSchema, await readFormData(request), {
    multiline: COOPERATIVE_MULTILINE,
  });
  if (!parsed.ok) {
    return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  try {
    const { slug } = await createCooperative(db, parsed.data, {
      actor: { id: user.id, name: user.name },
    });
    return redirect(`/admin/cooperatives?created=${encodeURIComponent(slug)}`);
  } catch (error) {
    if (error instanceof DomainError) {
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed.data)) values[k] = String(v);
      return json<ActionData>(
        {
          errors: error.field ? { [error.field]: error.code } : {},
          values,
          formError: error.field ? undefined : error.code,
        },
        { status: error.status },
      );
    }
    throw error;
  }
}

export default function AdminCooperatives() {
  const { cooperatives, counties } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const v = actionData?.values ?? {};
  const e = actionData?.errors ?? {};
  const created = cooperatives.find((c) => c.slug === params.get("created"));
  const busy = navigation.state === "submitting";
  return (
    <section aria-labelledby="coops-title">
      <h1 id="coops-title">{t("admin.cooperatives.title")}</h1>
      <p className="section__lead">{t("admin.cooperatives.lead")}</p>
      {created && !actionData ? (
        <p className="alert alert--success" role="status">
          {t("admin.cooperatives.created", { name: created.name })}
        </p>
      ) : null}

      <section className="section" aria-labelledby="coops-list-title">
        <h2 id="coops-list-title">
          {t("admin.cooperatives.listTitle", { count: cooperatives.length })}
        </h2>
        {cooperatives.length ? (
          <TableScroll labelledBy="coops-list-title">
            <table className="certs" data-testid="cooperatives">
              <thead>
                <tr>
                  <th scope="col">{t("admin.cooperatives.name")}</th>
                  <th scope="col">{t("admin.cooperatives.slug")}</th>
                  <th scope="col">{t("admin.cooperatives.county")}</th>
                  <th scope="col">{t("admin.cooperatives.kind")}</th>
                  <th scope="col" className="num">
                    {t("admin.cooperatives.farmers")}
                  </th>
                  <th scope="col" className="num">
                    {t("admin.cooperatives.founded")}
                  </th>
                  <th scope="col" className="num">
                    {t("admin.cooperatives.products")}
                  </th>
                  <th scope="col" className="num">
                    {t("admin.cooperatives.managers")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {cooperatives.map((c) => (
                  <tr key={c.id}>
                    <td className="certs__name">
                      <Link to={`/cooperatives/${c.slug}`}>{c.name}</Link>
                    </td>
                    <td>
                      <code>{c.slug}</code>
                    </td>
                    <td className="nowrap">{c.countyName}</td>
                    <td className="nowrap">{t(`admin.kinds.${c.kind}`)}</td>
                    <td className="num">{c.farmersReached}</td>
                    <td className="num">{c.foundedYear}</td>
                    <td className="num">{c.productCount}</td>
                    <td className="num">{c.managerCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="empty">{t("admin.cooperatives.empty")}</p>
        )}
      </section>

      <section className="office-panel" aria-labelledby="coop-create-title">
        <h2 id="coop-create-title">{t("admin.cooperatives.createTitle")}</h2>
        {actionData?.formError ? (
          <p className="alert alert--error" role="alert">
            {message(actionData.formError)}
          </p>
        ) : Object.keys(e).length ? (
          <p className="alert alert--error" role="alert">
            {t("forms.fixErrors", { count: Object.keys(e).length })}
          </p>
        ) : null}
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
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("admin.cooperatives.creating") : t("admin.cooperatives.create")}
          </button>
        </Form>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
