import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireSameOrigin } from "~/utils/security.server";
import { signOut } from "~/utils/session.server";

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  return redirect("/", { headers: await signOut(request) });
}

// Signing out changes state, so it is a POST; a GET just goes home.
export async function loader() {
  return redirect("/");
}
