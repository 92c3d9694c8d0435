import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { thanksSchema } from "~/domain/aid/buyer-profile-input";
import {
  loadBuyer,
  publicNameOf,
  updateThanks,
  type AidBuyer,
} from "~/domain/aid/buyer-profile.server";
import { certificateRequestSchema } from "~/domain/aid/certificate-input";
import {
  certifiableYears,
  issueCertificate,
  listCertificates,
} from "~/domain/aid/certificates.server";
import { aidOfKeys } from "~/domain/aid/my-aid.server";
import {
  institutionKey,
  institutionOf,
  reservedShareProgress,
} from "~/domain/institutions/institutions.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { useMessage } from "~/i18n/use-message";
import contribCss from "~/styles/contrib.css";
import { domainErrorReply, invalidForm, parseForm } from "~/utils/forms";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";
import { shanghaiYear } from "~/utils/time";
import { AidTables } from "./aid-tables";
import { CertificatePanel } from "./certificate-panel";
import { InstitutionPanel } from "./institution-panel";
import { RecentEntries } from "./recent-entries";
import { ReservedShareProgress } from "./reserved-share-progress";
import { ThanksSettingsForm } from "./thanks-settings-form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contribCss }];

/** The loader's private, no-store reaches the page itself, not only its data requests. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.myAid"),
    () => [NOINDEX],
  );

/** The thanks form's starting values. */
function profileOf(buyer: AidBuyer) {
  return {
    thanksOptIn: buyer.thanksOptIn,
    thanksName: buyer.thanksName ?? "",
    publicName: publicNameOf(buyer),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db, locale } = await storeContext(request);
  const [buyer, institution] = await Promise.all([
    loadBuyer(db, user.id),
    institutionOf(db, user.id),
  ]);
  const [aid, certificates, progress, institutionAid] = await Promise.all([
    // the person's own keys, from the buyer just read (myAid would read them again)
    aidOfKeys(db, buyer.keys, { locale }),
    listCertificates(db, user),
    institution ? reservedShareProgress(db, institution, shanghaiYear()) : null,
    institution ? aidOfKeys(db, [institutionKey(institution.id)], { locale, recent: 0 }) : null,
  ]);
  return json(
    {
      aid,
      certificates,
      progress,
      certifiableYears: certifiableYears(aid.years),
      institution:
        institution && institutionAid
          ? {
              name: institution.name,
              type: institution.type,
              totalFen: institutionAid.totalFen,
              creditCodeMissing: institution.creditCode == null,
              certifiableYears: certifiableYears(institutionAid.years),
            }
          : null,
      profile: profileOf(buyer),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "certificate") {
    const parsed = parseForm(certificateRequestSchema, form);
    if (!parsed.ok) return invalidForm(parsed, { intent });
    try {
      const certificate = await issueCertificate(db, {
        user,
        year: parsed.data.year,
        forInstitution: parsed.data.holder === "institution",
      });
      return redirect(`/account/aid/certificate/${certificate.code}`);
    } catch (error) {
      return domainErrorReply(error, { year: String(parsed.data.year) }, { intent });
    }
  }
  if (intent === "thanks") {
    const parsed = parseForm(thanksSchema, form);
    if (!parsed.ok) return invalidForm(parsed, { intent });
    await updateThanks(db, user, parsed.data);
    return redirect("/account/aid?saved=thanks#thanks-title");
  }
  return invalidForm({ errors: { _form: "forms.invalid" }, values: {} }, { intent });
}

export default function MyAid() {
  const { aid, certificates, progress, certifiableYears, institution, profile } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const replyFor = (intent: string) => (data?.intent === intent ? data : null);
  const formError = data?.errors._form;
  return (
    <div className="account contrib">
      <p className="no-print">
        <Link to="/account">← {t("contrib.backToAccount")}</Link>
      </p>
      <h1>{t("contrib.title")}</h1>
      <p className="section__lead">{t("contrib.lead")}</p>
      {params.get("saved") ? (
        <p className="alert alert--success" role="status">
          {t("contrib.saved")}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert--error" role="alert">
          {message(formError)}
        </p>
      ) : null}
      <div className="contrib__total">
        <p className="contrib__total-label">{t("contrib.total")}</p>
        <p className="contrib__total-amount" data-testid="my-aid-total">
          <Money fen={aid.totalFen} />
        </p>
      </div>
      <AidTables aid={aid} />
      <InstitutionPanel institution={institution} />
      {progress ? <ReservedShareProgress progress={progress} /> : null}
      <CertificatePanel
        years={certifiableYears}
        institution={
          institution ? { name: institution.name, years: institution.certifiableYears } : null
        }
        certificates={certificates}
        reply={replyFor("certificate")}
      />
      {aid.recent.length ? <RecentEntries entries={aid.recent} /> : null}
      <ThanksSettingsForm profile={profile} reply={replyFor("thanks")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
