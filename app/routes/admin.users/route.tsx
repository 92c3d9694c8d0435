import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DB } from "#db/connection";
import { membershipSchema, parseStaffForm } from "~/domain/admin/admin-input";
import { listCounters } from "~/domain/counters/counters.server";
import {
  assignManager,
  createStaffAccount,
  listCooperativesForAdmin,
  listStaff,
  unassignManager,
  type Actor,
} from "~/domain/admin/admin.server";
import { parseLogin } from "~/domain/auth/accounts.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessage } from "~/i18n/use-message";
import { getDb } from "~/utils/db.server";
import { domainErrorReply, invalidForm, parseForm, type FormReply } from "~/utils/forms";
import { requireAdmin } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";
import { StaffForm } from "./staff-form";
import { StaffTable } from "./staff-table";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.adminUsers"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { db, locale } = await storeContext(request);
  const [staff, cooperatives, counters] = await Promise.all([
    listStaff(db, locale),
    listCooperativesForAdmin(db, locale),
    listCounters(db),
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
        counter: s.counter?.name ?? null,
      })),
      cooperatives: cooperatives.map((c) => ({ id: c.id, name: c.name, county: c.countyName })),
      counters: counters.map((c) => ({
        id: c.id,
        name: locale === "en" ? c.name_en : c.name_zh,
        district: locale === "en" ? c.district_en : c.district_zh,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

// Every reply carries the form's `intent` among its values, so the page knows which of its
// forms was refused: the create form shows its errors beside its fields, the others on top.
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const actor = { id: user.id, name: user.name };
  const db = await getDb();
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "create") return createStaff(db, form, actor);
  if (intent === "assign" || intent === "unassign") {
    return changeMembership(db, form, intent, actor);
  }
  return invalidForm({ errors: {}, values: { intent } }, { formError: "admin.errors.intent" });
}

async function createStaff(db: DB, form: FormData, actor: Actor) {
  const parsed = parseStaffForm(form);
  if (!parsed.ok) {
    // the login's format needs the server's parser; report it with the other mistakes
    const login = parsed.values.login?.trim();
    if (login && !parsed.errors.login && !parseLogin(login)) {
      parsed.errors.login = "admin.errors.login";
    }
    return invalidForm(parsed);
  }
  try {
    const id = await createStaffAccount(db, parsed.data, { actor });
    return redirect(`/admin/users?created=${id}`);
  } catch (error) {
    const { password: _password, counterId, ...kept } = parsed.data;
    const cooperativeIds = parsed.data.cooperativeIds.join(",");
    return domainErrorReply(error, {
      ...kept,
      cooperativeIds,
      counterId: counterId === undefined ? "" : String(counterId),
      intent: "create",
    });
  }
}

async function changeMembership(
  db: DB,
  form: FormData,
  intent: "assign" | "unassign",
  actor: Actor,
) {
  const parsed = parseForm(membershipSchema, form);
  if (!parsed.ok) return invalidForm(parsed);
  try {
    if (intent === "assign") await assignManager(db, parsed.data, { actor });
    else await unassignManager(db, parsed.data, { actor });
    return redirect(`/admin/users?updated=${parsed.data.userId}`);
  } catch (error) {
    return domainErrorReply(error, { intent });
  }
}

export default function AdminUsers() {
  const { staff, cooperatives, counters } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const createReply = reply?.values.intent === "create" ? reply : undefined;
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t("admin.users.title")}</h1>
      <p className="section__lead">{t("admin.users.lead")}</p>
      <UsersAlert staff={staff} reply={reply} />
      <section className="section" aria-labelledby="staff-title">
        <h2 id="staff-title">{t("admin.users.listTitle", { count: staff.length })}</h2>
        {staff.length ? (
          <StaffTable staff={staff} cooperatives={cooperatives} />
        ) : (
          <p className="empty">{t("admin.users.empty")}</p>
        )}
      </section>
      <StaffForm cooperatives={cooperatives} counters={counters} reply={createReply} />
    </section>
  );
}

/**
 * A refused change to a manager's cooperatives (a small form with no room beside its
 * fields), or what was just done.
 */
function UsersAlert({
  staff,
  reply,
}: {
  staff: Array<{ id: number; name: string }>;
  reply: FormReply | undefined;
}) {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const refused =
    reply && reply.values.intent !== "create"
      ? (reply.formError ?? Object.values(reply.errors)[0])
      : undefined;
  const created = staff.find((s) => String(s.id) === params.get("created"));
  const updated = staff.find((s) => String(s.id) === params.get("updated"));
  if (refused) {
    return (
      <p className="alert alert--error" role="alert">
        {message(refused)}
      </p>
    );
  }
  if (reply) return null;
  if (created) {
    return (
      <p className="alert alert--success" role="status">
        {t("admin.users.created", { name: created.name })}
      </p>
    );
  }
  return updated ? (
    <p className="alert alert--success" role="status">
      {t("admin.users.assigned", { name: updated.name })}
    </p>
  ) : null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
