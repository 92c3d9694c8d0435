// /aid/...: the aid office's portal. The shell (its navigation) is drawn here once; every
// page below still calls requireAidOfficer itself, since `?_data=` reaches a page alone.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { AidNav, usePagePeriodQuery } from "~/components/aid-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import officeCss from "~/styles/office.css";
import { requireAidOfficer } from "~/utils/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: officeCss }];

/** The shell needs nothing from the server but the right to be shown. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  return json(null, { headers: { "Cache-Control": "private, no-store" } });
}

export default function AidPortal() {
  return (
    <>
      <AidNav periodQuery={usePagePeriodQuery()} />
      <Outlet />
    </>
  );
}

// A page's own boundary keeps this nav; this one answers when the shell itself is refused.
export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
