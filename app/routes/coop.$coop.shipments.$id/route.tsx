import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { portalCooperative } from "~/domain/coop/portal";
import { shipSchema, SHIPMENT_DONE } from "~/domain/orders/shipment-input";
import { markDelivered } from "~/domain/orders/delivery.server";
import { getCoopShipment, markPacked, markShipped } from "~/domain/orders/shipments.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/utils/db.server";
import {
  domainErrorReply,
  formValues,
  invalidForm,
  parseForm,
  type FormReply,
} from "~/utils/forms";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { orHttpError, readFormData, storeContext } from "~/utils/request.server";
import { DeliverForm } from "./deliver-form";
import { ParcelPanels } from "./parcel-panels";
import { ShipmentHead, ShipmentNotices } from "./shipment-head";
import { ShipmentActions } from "./ship-form";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.coopShipment", { number: data.shipment.orderNumber }),
    () => [NOINDEX],
  );

/** A shipment id from the URL; anything else is refused like another cooperative's parcel. */
function shipmentId(raw: string | undefined): number {
  const id = Number(raw);
  if (!raw || !/^\d{1,12}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response("Forbidden", { status: 403 });
  }
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const id = shipmentId(params.id);
  const { db, locale } = await storeContext(request);
  const s = await orHttpError(getCoopShipment(db, cooperative.id, id, { locale }));
  const done = SHIPMENT_DONE.safeParse(new URL(request.url).searchParams.get("done"));
  const { contactName, phone, province, city, district, street, note, lines, ...shipment } = s;
  return json(
    {
      cooperative: portalCooperative(cooperative, locale),
      done: done.success ? done.data : null,
      shipment,
      // A manager needs the full phone number to hand the parcel to a carrier.
      address: { contactName, phone, province, city, district, street, note },
      lines,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cooperative } = await requireCooperativeAccess(request, params.coop);
  const id = shipmentId(params.id);
  const db = await getDb();
  const form = await readFormData(request);
  const values = formValues(form);
  const target = {
    coopId: cooperative.id,
    shipmentId: id,
    actor: { id: user.id, name: user.name },
  };
  const back = (done: string) => redirect(`/coop/${cooperative.slug}/shipments/${id}?done=${done}`);
  try {
    if (values.intent === "pack") return back(await markPacked(db, target));
    if (values.intent === "deliver") {
      await markDelivered(db, target);
      return redirect(`/coop/${cooperative.slug}/shipments/${id}`);
    }
    if (values.intent !== "ship") {
      return json<FormReply>(
        { errors: {}, values, formError: "fulfil.errors.badRequest" },
        { status: 400 },
      );
    }
    const parsed = parseForm(shipSchema, form);
    if (!parsed.ok) return invalidForm(parsed);
    return back(await markShipped(db, { ...target, ...parsed.data }));
  } catch (error) {
    return domainErrorReply(error, values);
  }
}

export default function CoopShipment() {
  const { cooperative, done, shipment, address, lines } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <article aria-labelledby="shipment-title">
      <ShipmentHead shipment={shipment} base={`/coop/${cooperative.slug}/shipments`} />
      <ShipmentNotices shipment={shipment} done={done} reply={reply} />
      <div className="shipment-detail">
        <ParcelPanels lines={lines} address={address} />
        <ShipmentActions shipment={shipment} reply={reply} />
        <DeliverForm status={shipment.status} />
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
