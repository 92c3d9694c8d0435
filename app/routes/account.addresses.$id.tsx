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
import { getAddress, updateAddress } from "~/domain/account/addresses.server";
import { NotFoundError } from "~/domain/errors";
import { AddressForm } from "~/components/account/address-form";
import accountBookCss from "~/styles/account-book.css";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountBookCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.addressEdit"),
    () => [NOINDEX],
  );

/** The id in the path, or a 404 for anything that is not one. */
function addressId(param: string | undefined): number {
  if (!param || !/^\d{1,12}$/.test(param)) throw new Response("Not found", { status: 404 });
  return Number(param);
}

/** Someone else's address, or none, is the same 404. */
async function ownAddress(request: Request, userId: number, id: number) {
  const { db } = await storeContext(request);
  try {
    return { db, address: await getAddress(db, userId, id) };
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { address } = await ownAddress(request, user.id, addressId(params.id));
  return json(
    {
      values: {
        recipient: address.recipient,
        phone: address.phone,
        street: address.street,
        isDefault: address.isDefault ? "1" : "",
      },
      picker: pickerFor({
        provinceCode: address.provinceCode,
        cityCode: address.cityCode,
        districtCode: address.districtCode,
      }),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = addressId(params.id);
  const { db } = await ownAddress(request, user.id, id);
  const read = readAddressForm(await readFormData(request));
  if (!read.ok) {
    const { status, ...reply } = read;
    return json(reply, { status });
  }
  try {
    await updateAddress(db, user.id, id, read.data);
    return redirect("/account/addresses?done=saved");
  } catch (error) {
    const refused = addressRefusal(error, read.data);
    return json(refused.reply, { status: refused.status });
  }
}

export default function EditAddress() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="account">
      <p>
        <Link to="/account/addresses">{t("accountBook.addresses.title")}</Link>
      </p>
      <h1>{t("accountBook.addresses.editTitle")}</h1>
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
