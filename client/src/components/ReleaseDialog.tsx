// The release dialog: who receives this draft (by name, organisation and sector), what
// kind of information it is, about whom, for which purpose and why. Once category and
// purpose are chosen, recipients the sharing agreement excludes are disabled with the
// reason (the article) under their name. A native modal <dialog>: the rest of the page
// is inert, Escape closes, focus returns to the opener.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import {
  CATEGORIES,
  FRAGMENT_KINDS,
  LIMITS,
  TABLE_PURPOSES,
  type Category,
  type FragmentKind,
  type TablePurpose,
} from "../../../shared/schemas";
import type { AuthoredFragmentView, DraftView, TableView } from "../../../shared/types";
import { parseRiskContent } from "../../../shared/risk";
import { orgLabel } from "../format/person";
import { useFocusWrap } from "../hooks/useFocusWrap";
import { useReleaseCheck } from "../hooks/useReleaseCheck";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextAreaField } from "./Field";
import { FormError } from "./FormError";

interface Props {
  table: TableView;
  draft: DraftView;
  opener: HTMLElement | null;
  /** Where focus goes when the opener is gone (a released draft leaves the list). */
  fallbackFocusId: string;
  onClose(): void;
  onReleased(fragment: AuthoredFragmentView): void;
}

function toggle(list: string[], id: string, on: boolean): string[] {
  return on ? (list.includes(id) ? list : [...list, id]) : list.filter((x) => x !== id);
}

export function ReleaseDialog({ table, draft, opener, fallbackFocusId, onClose, onReleased }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const wrapFocus = useFocusWrap();
  const candidates = table.participants.filter((p) => p.state === "active" && p.id !== table.me.id);
  const onlyPerson = table.personsConcerned.length === 1 ? table.personsConcerned[0] : undefined;

  const [recipients, setRecipients] = useState<string[]>([]);
  // A risk checklist goes out as what it is, about the one person it assessed.
  const checklist = draft.kind === "risk-assessment" ? parseRiskContent(draft.body) : null;
  const [category, setCategory] = useState<Category | "">(checklist ? "risk-assessment" : "");
  const [kind, setKind] = useState<FragmentKind>(checklist ? "risk-assessment" : "fact");
  const [persons, setPersons] = useState<string[]>(checklist ? [checklist.person] : onlyPerson ? [onlyPerson.id] : []);
  const [purpose, setPurpose] = useState<TablePurpose>(table.purpose);
  const [justification, setJustification] = useState("");
  const [categoryMissing, setCategoryMissing] = useState(false);
  const submit = useSubmit(api.release);
  const check = useReleaseCheck(table.id, category, purpose);
  const { excluded } = check;
  const excludedKey = [...excluded.keys()].sort().join(",");

  // A recipient the agreement excludes for this category and purpose cannot stay ticked.
  useEffect(() => {
    if (!excludedKey) return;
    const out = new Set(excludedKey.split(","));
    setRecipients((list) => (list.some((id) => out.has(id)) ? list.filter((id) => !out.has(id)) : list));
  }, [excludedKey]);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => {
      if (el?.open) el.close();
      // Back to the button that opened the dialog (if it still exists).
      if (opener?.isConnected) opener.focus();
      else document.getElementById(fallbackFocusId)?.focus();
    };
  }, [opener, fallbackFocusId]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!category) {
      setCategoryMissing(true);
      return;
    }
    setCategoryMissing(false);
    const fragment = await submit.run(table.id, draft.id, {
      recipients,
      category,
      kind,
      personsConcerned: persons,
      purpose,
      justification,
    });
    if (fragment) onReleased(fragment);
    // Refused: the agreement may have changed meanwhile; show who it excludes now.
    else if (category) check.reload();
  };

  const f = submit.fields;
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="release-title"
      aria-describedby="release-intro"
      data-testid="release-dialog"
      onKeyDown={wrapFocus}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <header className="dialog-header">
          <div>
            <h2 id="release-title">{t("release.title", { title: draft.title })}</h2>
            <p id="release-intro" className="muted small">
              {t("release.intro")}
            </p>
          </div>
          <button type="button" className="button button-quiet icon-button" onClick={onClose} aria-label={t("common.close")}>
            <span aria-hidden="true">×</span>
          </button>
        </header>

        <div className="dialog-body">
          <div className="field-row">
            <SelectField
              id="release-category"
              data-testid="release-category"
              label={t("release.category")}
              required
              value={category}
              onChange={(e) => {
                const next = CATEGORIES.find((c) => c === e.target.value);
                setCategory(next ?? "");
                if (next) setCategoryMissing(false);
              }}
              error={categoryMissing ? t("release.chooseCategory") : f.category}
            >
              <option value="">{t("release.categoryPlaceholder")}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`categories.${c}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="release-kind"
              data-testid="release-kind"
              label={t("release.kind")}
              value={kind}
              onChange={(e) => {
                const next = FRAGMENT_KINDS.find((k) => k === e.target.value);
                if (next) setKind(next);
              }}
              error={f.kind}
            >
              {FRAGMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </SelectField>
          </div>

          <SelectField
            id="release-purpose"
            data-testid="release-purpose"
            label={t("release.purpose")}
            value={purpose}
            onChange={(e) => {
              const next = TABLE_PURPOSES.find((p) => p === e.target.value);
              if (next) setPurpose(next);
            }}
            error={f.purpose}
          >
            {TABLE_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`purposes.${p}`)}
              </option>
            ))}
          </SelectField>

          <fieldset className="fieldset" aria-describedby={f.recipients ? "release-recipients-error" : undefined}>
            <legend className="field-label">{t("release.recipients")}</legend>
            {candidates.length === 0 ? <p className="empty">{t("release.noRecipients")}</p> : null}
            <ul className="choice-list choice-list-grid">
              {candidates.map((p) => {
                const reason = excluded.get(p.id);
                const excludedHere = reason !== undefined;
                return (
                  <li key={p.id}>
                    <label className={excludedHere ? "choice choice-excluded" : "choice"}>
                      <input
                        type="checkbox"
                        data-testid={`release-recipient-${p.id}`}
                        checked={!excludedHere && recipients.includes(p.id)}
                        disabled={excludedHere}
                        aria-describedby={excludedHere ? `release-excluded-${p.id}` : undefined}
                        onChange={(e) => setRecipients((list) => toggle(list, p.id, e.target.checked))}
                      />
                      <span className="choice-text">
                        <span className="choice-name">{p.name}</span>
                        <span className="choice-meta">{orgLabel(t, p)}</span>
                        {excludedHere ? (
                          <span className="choice-reason" id={`release-excluded-${p.id}`} data-testid={`release-excluded-${p.id}`}>
                            {reason || t("release.excluded")}
                          </span>
                        ) : null}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {category === "" && candidates.length > 0 ? <p className="field-hint">{t("release.checkHint")}</p> : null}
            {check.error ? <p className="field-hint">{t("release.checkFailed", { message: check.error })}</p> : null}
            {candidates.length > 0 && excluded.size >= candidates.length ? (
              <p className="field-error" data-testid="release-none-allowed">
                {t("release.noneAllowed")}
              </p>
            ) : null}
            {f.recipients ? (
              <p id="release-recipients-error" className="field-error">
                {f.recipients}
              </p>
            ) : null}
          </fieldset>

          <fieldset className="fieldset" aria-describedby={f.personsConcerned ? "release-persons-error" : undefined}>
            <legend className="field-label">{t("release.persons")}</legend>
            <ul className="choice-list choice-list-inline">
              {table.personsConcerned.map((p) => (
                <li key={p.id}>
                  <label className="choice choice-compact">
                    <input
                      type="checkbox"
                      data-testid={`release-person-${p.id}`}
                      checked={persons.includes(p.id)}
                      onChange={(e) => setPersons((list) => toggle(list, p.id, e.target.checked))}
                    />
                    <span>{p.pseudonym}</span>
                  </label>
                </li>
              ))}
            </ul>
            {f.personsConcerned ? (
              <p id="release-persons-error" className="field-error">
                {f.personsConcerned}
              </p>
            ) : null}
          </fieldset>

          <TextAreaField
            id="release-justification"
            data-testid="release-justification"
            label={t("release.justification")}
            hint={t("release.justificationHint")}
            required
            rows={3}
            maxLength={LIMITS.justification}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            error={f.justification}
          />
        </div>

        <footer className="dialog-footer">
          <FormError message={submit.message} />
          <p className="release-summary" data-testid="release-summary" aria-live="polite">
            {t("release.summary", { count: recipients.length })}
          </p>
          <div className="form-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t("common.cancel")}
            </button>
            <button type="submit" className="button button-primary" data-testid="release-submit" disabled={submit.pending}>
              {submit.pending ? t("release.submitting") : t("release.submit")}
            </button>
          </div>
        </footer>
      </form>
    </dialog>
  );
}
