import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { addressRefusal, pickerFor, readAddressForm } from "~/domain/account/address-form.server";
import { createAddress } from "~/domain/account/addresses.server";
import { AddressForm } from "~/components/account/address-form";
import accountBookCss from "~/styles/account-book.css";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountBookCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.addressNew"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(
    {
      // the shopper's own name and phone are the likeliest recipient; Nanjing comes first
      values: { recipient: user.name, phone: user.phone ?? "" },
      picker: pickerFor({}),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const read = readAddressForm(await readFormData(request));
  if (!read.ok) {
    const { status, ...reply } = read;
    return json(reply, { status });
  }
  try {
    await createAddress(db, user.id, read.data);
    return redirect("/account/addresses?done=saved");
  } catch (error) {
    const refused = addressRefusal(error, read.data);
    return json(refused.reply, { status: refused.status });
  }
}

export default function NewAddress() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="account">
      <p>
        <Link to="/account/addresses">{t("accountBook.addresses.title")}</Link>
      </p>
      <h1>{t("accountBook.addresses.newTitle")}</h1>
      <AddressForm
        form={{
          values: reply?.values ?? loaded.values,
          errors: reply?.errors ?? {},
          picker: reply?.picker ?? loaded.picker,
          formError: reply && "formError" in reply ? reply.formError : undefined,
          params: reply && "params" in reply ? reply.params : undefined,
        }}
      />
    </div>
  );
}
