// The table's actions: each with owner, due date, status and history; the chair adds.
import { useTranslation } from "react-i18next";
import type { ActionView, ParticipantView } from "../../../shared/types";
import type { Resource } from "../hooks/useResource";
import { ActionForm } from "./ActionForm";
import { ActionItem } from "./ActionItem";
import { FormError } from "./FormError";

interface Props {
  tableId: string;
  actions: Resource<ActionView[]>;
  participants: ParticipantView[];
  meId: string;
  isChair: boolean;
}

export function ActionsSection({ tableId, actions, participants, meId, isChair }: Props) {
  const { t } = useTranslation();
  const list = [...(actions.data ?? [])].sort((a, b) => (a.status === b.status ? a.due.localeCompare(b.due) : a.status === "open" ? -1 : 1));
  const reload = () => void actions.reload();
  return (
    <section className={isChair ? "split" : undefined} aria-labelledby="actions-heading">
      <div className="split-main">
        <h3 id="actions-heading">{t("actions.title")}</h3>
        <FormError message={actions.error?.message} />
        {list.length === 0 && !actions.loading ? <p className="empty">{t("actions.empty")}</p> : null}
        <ul className="items" data-testid="actions-list">
          {list.map((a) => (
            <li key={a.id}>
              <ActionItem tableId={tableId} action={a} mayChange={isChair || a.owner.id === meId} onChanged={reload} />
            </li>
          ))}
        </ul>
      </div>
      {isChair ? (
        <div className="split-side card card-padded card-flat">
          <ActionForm tableId={tableId} participants={participants} onSaved={reload} />
        </div>
      ) : null}
    </section>
  );
}
