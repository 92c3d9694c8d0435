// The storefront's part of the en catalogue, which every page loads before hydrating: the
// shop's own text, page titles (meta translates them synchronously), sign-in and input
// errors. The portals' sections are parts of their own (messages.ts).
import { auth } from "./en/auth";
import { security } from "./en/security";
import { store } from "./en/store";
import { titles } from "./en/titles";

export default { ...store, auth, security, titles };
