import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { addressListActionSchema } from "~/domain/account/address-input";
import {
  deleteAddress,
  listAddresses,
  setDefaultAddress,
  type SavedAddress,
} from "~/domain/account/addresses.server";
import { IntentButton } from "~/components/intent-button";
import { useMessage } from "~/i18n/use-message";
import accountBookCss from "~/styles/account-book.css";
import { domainErrorReply, invalidForm, parseForm } from "~/utils/forms";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountBookCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.addresses"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  return json(
    { addresses: await listAddresses(db, user.id) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(addressListActionSchema, await readFormData(request));
  if (!parsed.ok) return invalidForm(parsed);
  const { intent, addressId } = parsed.data;
  try {
    if (intent === "default") {
      await setDefaultAddress(db, user.id, addressId);
      return redirect("/account/addresses?done=default");
    }
    await deleteAddress(db, user.id, addressId);
    return redirect("/account/addresses?done=deleted");
  } catch (error) {
    return domainErrorReply(error, {});
  }
}

const NOTICES: Record<string, string> = {
  saved: "accountBook.addresses.saved",
  deleted: "accountBook.addresses.deleted",
  default: "accountBook.addresses.defaultSet",
};

function AddressCard({ address }: { address: SavedAddress }) {
  const { t } = useTranslation();
  return (
    <li
      className={address.isDefault ? "address-card address-card--default" : "address-card"}
      data-testid="address-card"
    >
      <p className="address-card__who">
        {address.recipient} · {address.phone}{" "}
        {address.isDefault ? (
          <span className="address-badge">{t("accountBook.addresses.default")}</span>
        ) : null}
      </p>
      <p>
        {address.province} {address.city} {address.district} {address.street}
      </p>
      <div className="address-card__actions">
        <Link
          to={`/account/addresses/${address.id}`}
          className="button button--small button--ghost"
        >
          {t("accountBook.addresses.edit")}
        </Link>
        {!address.isDefault ? (
          <IntentButton
            intent="default"
            fields={{ addressId: String(address.id) }}
            className="button button--small button--ghost"
          >
            <span aria-hidden="true">{t("accountBook.addresses.setDefault")}</span>
            <span className="visually-hidden">
              {t("accountBook.addresses.defaultLabel", { recipient: address.recipient })}
            </span>
          </IntentButton>
        ) : null}
        <IntentButton
          intent="delete"
          fields={{ addressId: String(address.id) }}
          className="button button--small button--ghost"
        >
          <span aria-hidden="true">{t("accountBook.addresses.delete")}</span>
          <span className="visually-hidden">
            {t("accountBook.addresses.deleteLabel", { recipient: address.recipient })}
          </span>
        </IntentButton>
      </div>
    </li>
  );
}

export default function Addresses() {
  const { addresses } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const notice = NOTICES[params.get("done") ?? ""];
  const refusal = reply?.formError ?? Object.values(reply?.errors ?? {})[0];
  return (
    <div className="account">
      <p>
        <Link to="/account">{t("accountBook.backToAccount")}</Link>
      </p>
      <h1>{t("accountBook.addresses.title")}</h1>
      <p className="muted">{t("accountBook.addresses.lead")}</p>
      {notice && !reply ? (
        <p className="alert alert--success" role="status">
          {message(notice)}
        </p>
      ) : null}
      {refusal ? (
        <p className="alert alert--error" role="alert">
          {message(refusal, reply?.params?._form)}
        </p>
      ) : null}
      <p>
        <Link to="/account/addresses/new" className="button">
          {t("accountBook.addresses.add")}
        </Link>
      </p>
      {addresses.length ? (
        <ul className="address-list">
          {addresses.map((a) => (
            <AddressCard key={a.id} address={a} />
          ))}
        </ul>
      ) : (
        <p>{t("accountBook.addresses.empty")}</p>
      )}
    </div>
  );
}
