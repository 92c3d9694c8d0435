import type { FormReply } from "~/utils/forms";

/** The person's thanks-board settings as the page's form starts with them. */
export interface ProfileView {
  thanksOptIn: boolean;
  thanksName: string;
  publicName: string;
}

/** The action's answer to this form, or null when it answered another (or none). */
export type FormAnswer = (FormReply & { intent: string }) | null;
