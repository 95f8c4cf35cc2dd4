// One referral at the triage table: what was referred (no names: there are none), by
// whom, consent and information of the person, the partnership's criteria as a
// checklist, and the decision.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReferralView } from "../../../shared/types";
import { lifecycleApi } from "../api/lifecycle";
import { formatDateTime } from "../format/date";
import { personLabel } from "../format/person";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { FormError } from "./FormError";
import { TriageDecisionForm } from "./TriageDecisionForm";

interface Props {
  referral: ReferralView;
  agreementId: string;
  mayCheck: boolean;
  mayDecide: boolean;
  onChanged(): void;
}

export function TriageReferral({ referral: r, agreementId, mayCheck, mayDecide, onChanged }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const decided = r.decision !== undefined;
  const [met, setMet] = useState<boolean[]>(() => r.checklist.map((c) => c.met === true));
  const save = useSubmit(lifecycleApi.checklist);
  const headingId = `referral-${r.id}-title`;

  const onSave = async () => {
    const saved = await save.run(r.tableId, r.id, { answers: met.map((m, criterion) => ({ criterion, met: m })) });
    if (!saved) return;
    announce(t("lifecycle.triage.checklistSaved"));
    onChanged();
  };

  return (
    <article className="card card-padded stack-lg" aria-labelledby={headingId} data-testid={`referral-${r.id}`} data-status={r.status}>
      <header>
        <h3 id={headingId}>{t("lifecycle.triage.referral", { date: formatDateTime(r.createdAt) })}</h3>
        <p className="muted small">{t("lifecycle.triage.referredBy", { person: personLabel(t, r.referrer) })}</p>
        <p>
          <span className="badge">{t(`lifecycle.referralStatuses.${r.status}`)}</span>
        </p>
      </header>
      {r.expiredAt ? (
        <p className="muted" data-testid={`referral-expired-${r.id}`}>
          {t("caseDataRetention.referralErased", { date: formatDateTime(r.expiredAt) })}
        </p>
      ) : (
        <p className="statement-text" data-testid={`referral-description-${r.id}`}>
          {r.description}
        </p>
      )}
      <ul className="chips">
        <li className="chip">
          {t(`lifecycle.consentStatuses.${r.consent.status}`)}
          {"reason" in r.consent ? ` — ${t("lifecycle.triage.reasonLabel", { reason: r.consent.reason })}` : null}
        </li>
        <li className="chip">
          {t(`lifecycle.informedStatuses.${r.informed.status}`)}
          {"reason" in r.informed ? ` — ${t("lifecycle.triage.reasonLabel", { reason: r.informed.reason })}` : null}
        </li>
      </ul>
      <fieldset className="fieldset" disabled={decided || !mayCheck}>
        <legend className="field-label">{t("lifecycle.triage.checklist")}</legend>
        <ul className="choice-list">
          {r.checklist.map((c) => (
            <li key={c.criterion}>
              <label className="choice">
                <input
                  type="checkbox"
                  data-testid={`criterion-${r.id}-${c.criterion}`}
                  checked={met[c.criterion] ?? false}
                  onChange={(e) => setMet((list) => list.map((m, i) => (i === c.criterion ? e.target.checked : m)))}
                />
                <span className="choice-text">
                  <span className="choice-name">{c.text}</span>
                  {c.by && c.at ? (
                    <span className="choice-meta">
                      {c.met ? t("lifecycle.triage.met") : null} {t("lifecycle.triage.checkedBy", { name: c.by.name })}, {formatDateTime(c.at)}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {mayCheck && !decided ? (
          <button type="button" className="button" data-testid={`save-checklist-${r.id}`} disabled={save.pending} onClick={() => void onSave()}>
            {t("lifecycle.triage.saveChecklist")}
          </button>
        ) : null}
        <FormError message={save.message} />
      </fieldset>
      {r.decision ? (
        <section aria-label={t("lifecycle.triage.decision")} data-testid={`referral-decision-${r.id}`}>
          <p className="strong">{t(`lifecycle.outcomes.${r.decision.outcome}`)}</p>
          <p>{r.decision.reason}</p>
          {r.decision.referredTo ? <p>{t("lifecycle.triage.referredTo")}: {r.decision.referredTo}</p> : null}
          {r.decision.caseTableId ? <p>{t("lifecycle.triage.caseTableOpened")}</p> : null}
          <p className="muted small">{t("lifecycle.triage.decidedBy", { name: r.decision.by.name, date: formatDateTime(r.decision.at) })}</p>
        </section>
      ) : mayDecide ? (
        <TriageDecisionForm referral={r} agreementId={agreementId} onDecided={onChanged} />
      ) : null}
    </article>
  );
}
