import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect, type SerializeFrom } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  institutionSchema,
  memberSchema,
  removeMemberSchema,
} from "~/domain/institutions/institution-input";
import {
  addPurchaser,
  createInstitution,
  institutionOf,
  leaveInstitution,
  listMembers,
  removeMember,
  updateInstitution,
} from "~/domain/institutions/institutions.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessage } from "~/i18n/use-message";
import contribCss from "~/styles/contrib.css";
import {
  domainErrorReply,
  formValues,
  invalidForm,
  parseForm,
  type FormReply,
} from "~/utils/forms";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { fenToYuan } from "~/utils/money";
import { readFormData, storeContext } from "~/utils/request.server";
import { InstitutionForm } from "./institution-form";
import { MembersSection } from "./members-section";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contribCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.institution"),
    () => [NOINDEX],
  );

const HERE = "/account/institution";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const institution = await institutionOf(db, user.id);
  return json(
    {
      me: user.id,
      institution: institution
        ? {
            ...institution,
            // "1000", not "1000.00": the field shows what a person would type
            reservedShareYuan:
              institution.reservedShareFen == null
                ? ""
                : fenToYuan(institution.reservedShareFen).replace(/\.00$/, ""),
          }
        : null,
      members: institution ? await listMembers(db, institution.id) : [],
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "create" || intent === "update") {
      const parsed = parseForm(institutionSchema, form);
      if (!parsed.ok) return invalidForm(parsed, { intent });
      if (intent === "create") await createInstitution(db, user.id, parsed.data);
      else await updateInstitution(db, user.id, parsed.data);
      return redirect(`${HERE}?done=${intent === "create" ? "created" : "saved"}`);
    }
    if (intent === "add") {
      const parsed = parseForm(memberSchema, form);
      if (!parsed.ok) return invalidForm(parsed, { intent });
      await addPurchaser(db, user.id, parsed.data.login);
      return redirect(`${HERE}?done=added#members-title`);
    }
    if (intent === "remove") {
      const parsed = parseForm(removeMemberSchema, form);
      if (!parsed.ok) return invalidForm(parsed, { intent });
      await removeMember(db, user.id, parsed.data.userId);
      return redirect(`${HERE}?done=removed#members-title`);
    }
    if (intent === "leave") {
      await leaveInstitution(db, user.id);
      return redirect(`${HERE}?done=left`);
    }
  } catch (error) {
    return domainErrorReply(error, formValues(form), { intent });
  }
  return invalidForm({ errors: { _form: "forms.invalid" }, values: {} }, { intent });
}

type Loaded = NonNullable<SerializeFrom<typeof loader>["institution"]>;

/** The institution's details; its administrator corrects them here. */
function ProfileSection({
  institution,
  reply,
}: {
  institution: Loaded;
  reply: (FormReply & { intent: string }) | null;
}) {
  const { t } = useTranslation();
  return (
    <section
      className="contrib-panel"
      aria-labelledby="profile-title"
      data-testid="institution-profile"
    >
      <h2 id="profile-title">{institution.name}</h2>
      <p>{t("institutions.yourRole", { role: t(`institutions.roles.${institution.role}`) })}</p>
      <dl className="progress-facts">
        <div>
          <dt>{t("institutions.creditCode")}</dt>
          <dd className="nowrap">
            {institution.creditCode ?? t("institutions.creditCodeMissing")}
          </dd>
        </div>
        <div>
          <dt>{t("institutions.type")}</dt>
          <dd>{t(`buyerType.${institution.type}`)}</dd>
        </div>
        <div>
          <dt>{t("institutions.fundingSource")}</dt>
          <dd>{t(`fundingSource.${institution.fundingSource}`)}</dd>
        </div>
      </dl>
      <p>
        <Link to="/account/aid">{t("institutions.progressLink")}</Link>
      </p>
      {institution.role === "admin" ? (
        <>
          <h3>{t("institutions.profileTitle")}</h3>
          <InstitutionForm intent="update" start={institution} reply={reply} />
        </>
      ) : null}
    </section>
  );
}

const DONE = ["created", "saved", "added", "removed", "left"] as const;

export default function InstitutionAccount() {
  const { me, institution, members } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const done = DONE.find((d) => d === params.get("done"));
  const formError = reply?.formError ?? reply?.errors._form;
  const profileReply =
    reply && (reply.intent === "create" || reply.intent === "update") ? reply : null;
  return (
    <div className="account contrib">
      <p className="no-print">
        <Link to="/account">← {t("institutions.backToAccount")}</Link>
      </p>
      <h1>{t("institutions.title")}</h1>
      <p className="section__lead">{t("institutions.lead")}</p>
      {done ? (
        <p className="alert alert--success" role="status">
          {t(`institutions.${done}`)}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert--error" role="alert">
          {message(formError)}
        </p>
      ) : null}
      {institution ? (
        <>
          <ProfileSection institution={institution} reply={profileReply} />
          <MembersSection
            members={members}
            isAdmin={institution.role === "admin"}
            me={me}
            reply={reply ?? null}
          />
        </>
      ) : (
        <section className="contrib-panel" aria-labelledby="create-title">
          <h2 id="create-title">{t("institutions.createTitle")}</h2>
          <p className="muted">{t("institutions.createLead")}</p>
          <p className="muted">{t("institutions.joinHint")}</p>
          <InstitutionForm intent="create" start={null} reply={profileReply} />
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
