import { json } from "@remix-run/node";
import { cartCount } from "~/domain/cart/cart.server";
import { getLocale } from "~/i18n/locale.server";
import { readCartId } from "~/utils/cookies.server";
import { getDb } from "~/utils/db.server";
import { getUser } from "~/utils/session.server";

// The root loader's work, in a module only root.tsx imports: the browser build empties every
// .server import, and each one shared with a route became its own tiny chunk that every page
// loaded (issue 11's JavaScript budget); one root-only import is inlined in root's chunk.

/** The language, the header's cart count and who is signed in, for every page. */
export async function loadRoot(request: Request) {
  const db = await getDb();
  const [locale, cartId, user] = await Promise.all([
    getLocale(request),
    readCartId(request),
    getUser(request),
  ]);
  return json({
    locale,
    cartCount: await cartCount(db, cartId),
    user: user ? { name: user.name, role: user.role } : null,
  });
}
