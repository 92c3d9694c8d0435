import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { COOPERATIVE_MULTILINE, cooperativeSchema } from "~/domain/admin/admin-input";
import {
  createCooperative,
  listCooperativesForAdmin,
  listCountyOptions,
} from "~/domain/admin/admin.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/utils/db.server";
import { domainErrorReply, invalidForm, parseForm } from "~/utils/forms";
import { requireAdmin } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";
import { CooperativeForm } from "./cooperative-form";
import { CooperativesTable } from "./cooperatives-table";

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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const db = await getDb();
  const parsed = parseForm(cooperativeSchema, await readFormData(request), {
    multiline: COOPERATIVE_MULTILINE,
  });
  if (!parsed.ok) return invalidForm(parsed);
  try {
    const { slug } = await createCooperative(db, parsed.data, {
      actor: { id: user.id, name: user.name },
    });
    return redirect(`/admin/cooperatives?created=${encodeURIComponent(slug)}`);
  } catch (error) {
    // shown as the rules read it (the slug in lower case, numbers as numbers)
    const values = Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)]));
    return domainErrorReply(error, values);
  }
}

export default function AdminCooperatives() {
  const { cooperatives, counties } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const created = cooperatives.find((c) => c.slug === params.get("created"));
  return (
    <section aria-labelledby="coops-title">
      <h1 id="coops-title">{t("admin.cooperatives.title")}</h1>
      <p className="section__lead">{t("admin.cooperatives.lead")}</p>
      {created && !reply ? (
        <p className="alert alert--success" role="status">
          {t("admin.cooperatives.created", { name: created.name })}
        </p>
      ) : null}
      <CooperativesTable cooperatives={cooperatives} />
      <CooperativeForm counties={counties} reply={reply} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
