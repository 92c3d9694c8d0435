// The storefront's part of the zh-CN catalogue, which every page loads before hydrating: the
// shop's own text, page titles (meta translates them synchronously), sign-in and input
// errors. The portals' sections are parts of their own (messages.ts).
import { auth } from "./zh-CN/auth";
import { security } from "./zh-CN/security";
import { store } from "./zh-CN/store";
import { titles } from "./zh-CN/titles";

export default { ...store, auth, security, titles };
