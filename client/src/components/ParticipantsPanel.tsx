// "Participants": who sits at the table; the chair invites and removes.
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { ParticipantView, TableView } from "../../../shared/types";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { FormError } from "./FormError";
import { InviteForm } from "./InviteForm";

interface Props {
  table: TableView;
  onChanged(): void;
}

export function ParticipantsPanel({ table, onChanged }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const isChair = table.me.role === "chair";
  const remove = useSubmit(async (p: ParticipantView) => {
    await api.removeParticipant(table.id, p.id);
    return p;
  });

  const onRemove = async (p: ParticipantView) => {
    const removed = await remove.run(p);
    if (!removed) return;
    announce(t("participants.removed", { name: removed.name }));
    onChanged();
  };

  const version = table.participants.map((p) => `${p.id}:${p.state}`).join(",");
  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("participants.title")}</h2>
      </div>
      <FormError message={remove.message} />
      <div className="table-scroll">
        <table className="data-table" data-testid="participants-table">
          <thead>
            <tr>
              <th scope="col">{t("participants.colName")}</th>
              <th scope="col">{t("participants.colOrganisation")}</th>
              <th scope="col">{t("participants.colSector")}</th>
              <th scope="col">{t("participants.colRole")}</th>
              <th scope="col">{t("participants.colState")}</th>
              {isChair ? (
                <th scope="col">
                  <span className="visually-hidden">{t("participants.colActions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {table.participants.map((p) => (
              <tr key={p.id} data-testid={`participant-${p.id}`}>
                <th scope="row">
                  {p.name}
                  {p.id === table.me.id ? <span className="muted"> {t("participants.you")}</span> : null}
                </th>
                <td>{p.organisation}</td>
                <td>{t(`sectors.${p.sector}`)}</td>
                <td>
                  <span className={p.role === "chair" ? "badge badge-accent" : "badge"}>{t(`tableRoles.${p.role}`)}</span>
                </td>
                <td>
                  <span className={`state state-${p.state}`}>{t(`participantStates.${p.state}`)}</span>
                </td>
                {isChair ? (
                  <td className="cell-actions">
                    {p.id !== table.me.id && p.state !== "removed" ? (
                      <button
                        type="button"
                        className="button button-small button-secondary button-danger-text"
                        data-testid={`remove-${p.id}`}
                        aria-label={t("participants.removeAria", { name: p.name })}
                        disabled={remove.pending}
                        onClick={() => void onRemove(p)}
                      >
                        {t("participants.remove")}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isChair ? (
        <div className="card card-padded card-flat">
          <InviteForm tableId={table.id} version={version} onInvited={onChanged} />
        </div>
      ) : null}
    </div>
  );
}
