// The chair adds an action: what, who (an active participant), by when.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS, type ActionBody } from "../../../shared/schemas";
import type { ParticipantView } from "../../../shared/types";
import { api } from "../api/tafel";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextField } from "./Field";
import { FormError } from "./FormError";

export function ActionForm({ tableId, participants, onSaved }: { tableId: string; participants: ParticipantView[]; onSaved(): void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [title, setTitle] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const [due, setDue] = useState("");
  const submit = useSubmit((body: ActionBody) => api.createAction(tableId, body));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const action = await submit.run({ title: title.trim(), ownerId, due });
    if (!action) return;
    announce(t("actions.created", { title: action.title }));
    setTitle("");
    setOwnerId("");
    setDue("");
    onSaved();
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="action-new-heading">
      <h4 id="action-new-heading">{t("actions.newTitle")}</h4>
      <FormError message={submit.message} />
      <TextField
        id="action-title"
        data-testid="action-title"
        label={t("actions.fieldTitle")}
        required
        maxLength={LIMITS.draftTitle}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={submit.fields.title}
      />
      <SelectField
        id="action-owner"
        data-testid="action-owner"
        label={t("actions.owner")}
        required
        value={ownerId}
        onChange={(e) => setOwnerId(e.target.value)}
        error={submit.fields.ownerId}
      >
        <option value="" disabled>
          {t("actions.ownerPlaceholder")}
        </option>
        {participants.map((p) => (
          <option key={p.id} value={p.id}>
            {`${p.name} (${p.organisation})`}
          </option>
        ))}
      </SelectField>
      <TextField
        id="action-due"
        data-testid="action-due"
        type="date"
        label={t("actions.due")}
        required
        value={due}
        onChange={(e) => setDue(e.target.value)}
        error={submit.fields.due}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="action-submit" disabled={submit.pending}>
          {t("actions.submit")}
        </button>
      </div>
    </form>
  );
}
