// Title and text of a draft: used for a new draft and for editing one.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS, type DraftBody } from "../../../shared/schemas";
import type { DraftView } from "../../../shared/types";
import { useSubmit } from "../hooks/useSubmit";
import { TextAreaField, TextField } from "./Field";
import { FormError } from "./FormError";

interface Props {
  /** "draft-new" for the new-draft form; the draft's id when editing. */
  idPrefix: string;
  initial?: DraftBody;
  submitLabel: string;
  save(body: DraftBody): Promise<DraftView>;
  onSaved(draft: DraftView): void;
  onCancel?: () => void;
  /** Test hooks only for the new-draft form. */
  testIds?: boolean;
}

export function DraftForm({ idPrefix, initial, submitLabel, save, onSaved, onCancel, testIds }: Props) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const submit = useSubmit(save);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const draft = await submit.run({ title, body });
    if (!draft) return;
    if (!initial) {
      setTitle("");
      setBody("");
    }
    onSaved(draft);
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={submit.message} />
      <TextField
        id={`${idPrefix}-title`}
        data-testid={testIds ? "draft-new-title" : undefined}
        label={t("drafts.fieldTitle")}
        required
        maxLength={LIMITS.draftTitle}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={submit.fields.title}
      />
      <TextAreaField
        id={`${idPrefix}-body`}
        data-testid={testIds ? "draft-new-body" : undefined}
        label={t("drafts.fieldBody")}
        required
        rows={initial ? 8 : 5}
        maxLength={LIMITS.fragmentBody}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={submit.fields.body}
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid={testIds ? "draft-new-submit" : undefined}
          disabled={submit.pending}
        >
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
