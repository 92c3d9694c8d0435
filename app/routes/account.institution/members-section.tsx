import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { InstitutionRole } from "#db/schema";
import { Field } from "~/components/field";
import type { FormReply } from "~/utils/forms";
import { shanghaiDateTime } from "~/utils/time";

interface MemberRow {
  userId: number;
  name: string;
  contact: string;
  role: InstitutionRole;
  addedAt: string;
}

function AddPurchaserForm({ reply }: { reply: (FormReply & { intent: string }) | null }) {
  const { t } = useTranslation();
  const own = reply?.intent === "add" ? reply : null;
  return (
    <>
      <h3>{t("institutions.addTitle")}</h3>
      <p className="muted">{t("institutions.addLead")}</p>
      <Form method="post" noValidate className="inline-fields">
        <input type="hidden" name="intent" value="add" />
        <Field
          name="login"
          label={t("institutions.login")}
          error={own?.errors.login}
          defaultValue={own?.values.login ?? ""}
          maxLength={120}
          autoComplete="off"
          required
        />
        <button type="submit" className="button">
          {t("institutions.add")}
        </button>
      </Form>
    </>
  );
}

/** The institution's purchasers; its administrator adds and removes them here. */
export function MembersSection({
  members,
  isAdmin,
  me,
  reply,
}: {
  members: MemberRow[];
  isAdmin: boolean;
  me: number;
  reply: (FormReply & { intent: string }) | null;
}) {
  const { t } = useTranslation();
  return (
    <section className="contrib-panel" aria-labelledby="members-title">
      <h2 id="members-title">{t("institutions.membersTitle")}</h2>
      <p className="muted">{t("institutions.membersLead")}</p>
      <div className="table-scroll">
        <table className="data-table" data-testid="institution-members">
          <thead>
            <tr>
              <th scope="col">{t("institutions.member")}</th>
              <th scope="col">{t("institutions.contact")}</th>
              <th scope="col">{t("institutions.role")}</th>
              <th scope="col">{t("institutions.addedAt")}</th>
              {isAdmin ? <th scope="col" /> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td className="nowrap">{m.name}</td>
                <td className="nowrap">{m.contact}</td>
                <td className="nowrap">{t(`institutions.roles.${m.role}`)}</td>
                <td className="nowrap">{shanghaiDateTime(m.addedAt)}</td>
                {isAdmin ? (
                  <td>
                    {m.userId !== me ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button
                          type="submit"
                          className="button button--small button--ghost"
                          aria-label={`${t("institutions.remove")} ${m.name}`}
                        >
                          {t("institutions.remove")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isAdmin ? (
        <AddPurchaserForm reply={reply} />
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="leave" />
          <button type="submit" className="button button--ghost">
            {t("institutions.leave")}
          </button>
        </Form>
      )}
    </section>
  );
}
