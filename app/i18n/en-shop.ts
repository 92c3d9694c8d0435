// The storefront's part of the en catalogue, which every page loads before hydrating: the
// shop's own text, page titles (meta translates them synchronously) and input errors.
// Sign-in, ordering and the portals' sections are parts of their own (messages.ts).
import { security } from "./en/security";
import { store } from "./en/store";
import { titles } from "./en/titles";

export default { ...store, security, titles };
