import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";

/**
 * The alert at the top of a form the action refused: the whole form's message when no one
 * field is at fault, else how many fields need fixing (each says why beside itself).
 */
export function FormAlert({ reply }: { reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const message = useMessage();
  const fieldCount = Object.keys(reply?.errors ?? {}).length;
  if (reply?.formError) {
    return (
      <p className="alert alert--error" role="alert">
        {message(reply.formError, reply.params?._form)}
      </p>
    );
  }
  return fieldCount ? (
    <p className="alert alert--error" role="alert">
      {t("forms.fixErrors", { count: fieldCount })}
    </p>
  ) : null;
}
