import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ColumnHeads } from "~/components/column-heads";
import { TableScroll } from "~/components/table-scroll";
import type { StaffMember } from "~/domain/admin/admin.server";

type Staff = Pick<StaffMember, "id" | "name" | "login" | "role" | "disabled" | "cooperatives"> & {
  /** the counter's name, for counter staff */
  counter: string | null;
};
type Cooperative = { id: number; name: string };

/**
 * Everyone who works on the platform, the cooperatives each manager looks after and the
 * counter each counter clerk works at.
 */
export function StaffTable({
  staff,
  cooperatives,
}: {
  staff: Staff[];
  cooperatives: Cooperative[];
}) {
  const { t } = useTranslation();
  return (
    <TableScroll labelledBy="staff-title">
      <table className="certs" data-testid="staff">
        <ColumnHeads
          columns={[
            { label: t("admin.users.name") },
            { label: t("admin.users.login") },
            { label: t("admin.users.role") },
            { label: t("admin.users.cooperatives") },
          ]}
        />
        <tbody>
          {staff.map((member) => (
            <tr key={member.id}>
              <td>
                {member.name}
                {member.disabled ? (
                  <strong className="tag tag--warn">{t("admin.users.disabled")}</strong>
                ) : null}
              </td>
              <td>{member.login}</td>
              <td>{t(`admin.roles.${member.role}`)}</td>
              <td>
                {member.role === "coop_manager" ? (
                  <ManagedCooperatives manager={member} cooperatives={cooperatives} />
                ) : member.counter ? (
                  <span data-testid="staff-counter">
                    {t("admin.users.worksAt", { counter: member.counter })}
                  </span>
                ) : (
                  <span className="muted">{t("admin.users.none")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A manager's cooperatives, each with a button to unbind it (not the last), and a binder. */
function ManagedCooperatives({
  manager,
  cooperatives,
}: {
  manager: Staff;
  cooperatives: Cooperative[];
}) {
  const { t } = useTranslation();
  const unassigned = cooperatives.filter((c) => !manager.cooperatives.some((m) => m.id === c.id));
  return (
    <>
      <ul className="coop-tags">
        {manager.cooperatives.map((c) => (
          <li key={c.id}>
            {c.name}
            {manager.cooperatives.length > 1 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="unassign" />
                <input type="hidden" name="userId" value={manager.id} />
                <input type="hidden" name="cooperativeId" value={c.id} />
                <button
                  type="submit"
                  className="link-button"
                  aria-label={t("admin.users.unassignNamed", {
                    name: manager.name,
                    cooperative: c.name,
                  })}
                >
                  {t("admin.users.unassign")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {unassigned.length ? <AssignForm manager={manager} unassigned={unassigned} /> : null}
    </>
  );
}

function AssignForm({ manager, unassigned }: { manager: Staff; unassigned: Cooperative[] }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" name="userId" value={manager.id} />
      <label className="visually-hidden" htmlFor={`assign-${manager.id}`}>
        {t("admin.users.assignLabel", { name: manager.name })}
      </label>
      <select id={`assign-${manager.id}`} name="cooperativeId" required>
        <option value="">{t("admin.users.assignChoose")}</option>
        {unassigned.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small">
        {t("admin.users.assign")}
      </button>
    </Form>
  );
}
