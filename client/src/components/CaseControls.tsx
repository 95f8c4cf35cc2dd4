// The case director's controls: next review date, track change (de-escalation) with a
// reason, closure with a reason, and transfer to another table or partnership.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Track } from "../../../shared/schemas";
import type { CaseView, TableView } from "../../../shared/types";
import { lifecycleApi } from "../api/lifecycle";
import { formatDate } from "../format/date";
import { personLabel } from "../format/person";
import { useAnnounce } from "../hooks/useAnnounce";
import { useResource } from "../hooks/useResource";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextAreaField, TextField } from "./Field";
import { FormCard } from "./FormCard";

interface Props {
  table: TableView;
  view: CaseView;
  onChanged(next: CaseView): void;
}

export function CaseControls({ table, view, onChanged }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const id = table.id;
  const [reviewDate, setReviewDate] = useState(view.reviewDate ?? "");
  const [track, setTrack] = useState<Track>(view.track === 1 ? 2 : 1);
  const [trackReason, setTrackReason] = useState("");
  const [closeReason, setCloseReason] = useState("");
  const [agreementId, setAgreementId] = useState("");
  const [director, setDirector] = useState("");
  const [transferReason, setTransferReason] = useState("");
  const review = useSubmit(lifecycleApi.setReview);
  const changeTrack = useSubmit(lifecycleApi.changeTrack);
  const close = useSubmit(lifecycleApi.close);
  const transfer = useSubmit(lifecycleApi.transfer);
  const partnerships = useResource("partnerships", lifecycleApi.partnerships);
  const accounts = useResource(agreementId ? `partnership-accounts:${agreementId}` : null, () => lifecycleApi.partnershipAccounts(agreementId));

  const done = (next: CaseView | undefined, message: string) => {
    if (!next) return;
    announce(message);
    onChanged(next);
  };
  const onReview = async () => done(await review.run(id, { date: reviewDate }), t("lifecycle.case.reviewSaved", { date: formatDate(reviewDate) }));
  const onTrack = async () => done(await changeTrack.run(id, { track, reason: trackReason }), t("lifecycle.case.trackSaved", { n: track }));
  const onClose = async () => done(await close.run(id, { reason: closeReason }), t("lifecycle.case.closed"));
  const onTransfer = async () =>
    done(await transfer.run(id, { agreementId, casusregisseurId: director, reason: transferReason }), t("lifecycle.case.transferred"));

  return (
    <div className="stack-lg" data-testid="case-controls">
      <FormCard id="case-review" title={t("lifecycle.case.setReview")} error={review.message} onSubmit={onReview} submitLabel={t("lifecycle.case.setReview")} pending={review.pending} tone="primary" inline>
        <TextField id="case-review-date" data-testid="case-review-date" type="date" label={t("lifecycle.case.reviewDate")} value={reviewDate} onChange={(e) => setReviewDate(e.target.value)} error={review.fields.date} />
      </FormCard>
      <FormCard id="case-track" title={t("lifecycle.case.changeTrack")} error={changeTrack.message} onSubmit={onTrack} submitLabel={t("lifecycle.case.changeTrack")} pending={changeTrack.pending}>
        <SelectField id="case-new-track" data-testid="case-new-track" label={t("lifecycle.case.newTrack")} value={String(track)} onChange={(e) => setTrack(Number(e.target.value) as Track)}>
          {view.tracks.map((x) => (
            <option key={x.track} value={x.track}>
              {t("lifecycle.case.trackValue", { n: x.track, label: x.label })}
            </option>
          ))}
        </SelectField>
        <TextAreaField id="case-track-reason" data-testid="case-track-reason" label={t("lifecycle.case.reason")} rows={2} value={trackReason} onChange={(e) => setTrackReason(e.target.value)} error={changeTrack.fields.reason} />
      </FormCard>
      <FormCard
        id="case-transfer"
        title={t("lifecycle.case.transfer")}
        hint={t("lifecycle.case.transferHint")}
        error={transfer.message ?? accounts.error?.message}
        onSubmit={onTransfer}
        submitLabel={t("lifecycle.case.transferSubmit")}
        pending={transfer.pending}
      >
        <SelectField id="case-transfer-partnership" data-testid="case-transfer-partnership" label={t("lifecycle.case.receiving")} value={agreementId} onChange={(e) => { setAgreementId(e.target.value); setDirector(""); }} error={transfer.fields.agreementId}>
          <option value="">{t("lifecycle.refer.choosePartnership")}</option>
          {(partnerships.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </SelectField>
        <SelectField id="case-transfer-director" data-testid="case-transfer-director" label={t("lifecycle.case.receivingDirector")} value={director} onChange={(e) => setDirector(e.target.value)} error={transfer.fields.casusregisseurId}>
          <option value="">{t("lifecycle.triage.chooseDirector")}</option>
          {(accounts.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {personLabel(t, p)}
            </option>
          ))}
        </SelectField>
        <TextAreaField id="case-transfer-reason" data-testid="case-transfer-reason" label={t("lifecycle.case.reason")} rows={2} value={transferReason} onChange={(e) => setTransferReason(e.target.value)} error={transfer.fields.reason} />
      </FormCard>
      <FormCard id="case-close" title={t("lifecycle.case.close")} hint={t("lifecycle.case.closeHint")} error={close.message} onSubmit={onClose} submitLabel={t("lifecycle.case.close")} pending={close.pending} tone="danger">
        <TextAreaField id="case-close-reason" data-testid="case-close-reason" label={t("lifecycle.case.reason")} rows={2} value={closeReason} onChange={(e) => setCloseReason(e.target.value)} error={close.fields.reason} />
      </FormCard>
    </div>
  );
}
