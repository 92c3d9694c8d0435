// /counter/...: the desk of a Nanjing counter's staff (ADR 046). The shell (its navigation,
// with the counter's name) is drawn here once; every page below still calls
// requireCounterStaff itself, since `?_data=` reaches a page alone.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { CounterNav } from "~/components/counter-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import officeCss from "~/styles/office.css";
import { requireCounterStaff } from "~/utils/guards.server";
import { storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: officeCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { counter } = await requireCounterStaff(request);
  const { locale } = await storeContext(request);
  return json(
    { counterName: locale === "en" ? counter.name_en : counter.name_zh },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function CounterDesk() {
  const { counterName } = useLoaderData<typeof loader>();
  return (
    <>
      <CounterNav counterName={counterName} />
      <Outlet />
    </>
  );
}

// A page's own boundary keeps this nav; this one answers when the shell itself is refused.
export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
