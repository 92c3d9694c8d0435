import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { portalCooperative } from "~/domain/coop/portal";
import { CoopNav } from "~/components/coop-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import fulfilCss from "~/styles/fulfil.css";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fulfilCss }];

/** The cooperative portal's shell: its navigation, once, around every /coop/:coop page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative, cooperatives } = await requireCooperativeAccess(request, params.coop);
  const { locale } = await storeContext(request);
  return json(
    {
      cooperative: portalCooperative(cooperative, locale),
      cooperatives: cooperatives.map((c) => portalCooperative(c, locale)),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function CoopPortal() {
  const { cooperative } = useLoaderData<typeof loader>();
  return (
    <>
      <CoopNav slug={cooperative.slug} name={cooperative.name} />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
