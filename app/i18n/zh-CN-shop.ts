// The storefront's part of the zh-CN catalogue, which every page loads before hydrating: the
// shop's own text, page titles (meta translates them synchronously) and input errors.
// Sign-in, ordering and the portals' sections are parts of their own (messages.ts).
import { security } from "./zh-CN/security";
import { store } from "./zh-CN/store";
import { titles } from "./zh-CN/titles";

export default { ...store, security, titles };
