import { admin } from "./en/admin";
import { auth } from "./en/auth";
import { fulfil } from "./en/fulfil";
import { portal } from "./en/portal";
import { review } from "./en/review";
import { store } from "./en/store";
import type { Messages } from "./zh-CN";

const en: Messages = { ...store, auth, portal, fulfil, review, admin };

export default en;
