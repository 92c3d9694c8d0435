import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { AdminNav } from "~/components/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import officeCss from "~/styles/office.css";
import { requireAdmin } from "~/utils/guards.server";

// The shell of every /admin page: its styles and navigation, once. Each page's loader and
// action still calls requireAdmin itself, since a `?_data=` request reaches it alone.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: officeCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json(null, { headers: { "Cache-Control": "private, no-store" } });
}

export default function AdminLayout() {
  return (
    <>
      <AdminNav />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
