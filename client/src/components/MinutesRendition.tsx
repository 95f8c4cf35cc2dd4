// One reader's copy of finalised minutes as a RESTRICTED document: meeting, attendance,
// agenda and decisions, actions, and the minutes text with each fragment reference
// resolved for this reader (or "[not released to you]").
import { useTranslation } from "react-i18next";
import { NOT_RELEASED, type RenditionBlock } from "../../../shared/minutes";
import type { ActionView, MinutesCopyView } from "../../../shared/types";
import { shortHash } from "../format/agreement";
import { formatDate, formatDateTime } from "../format/date";
import { DecisionsList } from "./DecisionsList";

interface Props {
  copy: MinutesCopyView;
  blocks: RenditionBlock[];
  caseCode: string;
  readerName: string;
  actions: ActionView[];
  /** Test hooks only on the on-screen copy (not on its print twin). */
  testIds: boolean;
}

function TextBlock({ block }: { block: Extract<RenditionBlock, { kind: "text" }> }) {
  if (block.text.trim() === "") return null;
  if (block.node === "heading") return <h4 className="minutes-h">{block.text}</h4>;
  return <p className="minutes-p">{block.text}</p>;
}

function ActionLine({ action }: { action: ActionView }) {
  const { t } = useTranslation();
  return (
    <li>
      <strong>{action.title}</strong> — {action.owner.name}, {t("actions.dueOn", { date: formatDate(action.due) })} —{" "}
      {t(`actionStatuses.${action.status}`)}
    </li>
  );
}

export function MinutesRendition({ copy, blocks, caseCode, readerName, actions, testIds }: Props) {
  const { t } = useTranslation();
  const { meeting } = copy;
  const minutes = meeting.minutes;
  const reviewed = meeting.review.map((id) => actions.find((a) => a.id === id)).filter((a): a is ActionView => a !== undefined);
  const end = minutes?.finalisedAt ?? "";
  const agreed = actions.filter((a) => a.createdAt >= meeting.openedAt && (end === "" || a.createdAt <= end) && !meeting.review.includes(a.id));

  return (
    <article className="minutes" data-testid={testIds ? "minutes-rendition" : undefined} aria-labelledby={testIds ? `minutes-h-${meeting.id}` : undefined}>
      <p className="minutes-restricted" data-testid={testIds ? "minutes-restricted" : undefined}>
        {t("minutes.restricted", { name: readerName })}
      </p>
      <header className="minutes-header">
        <p className="charter-kicker">{t("minutes.caseLine", { caseCode })}</p>
        <h3 id={testIds ? `minutes-h-${meeting.id}` : undefined} className="minutes-title">
          {t("minutes.heading", { n: meeting.number })}
        </h3>
        <p className="muted small">{t("minutes.meetingDate", { date: formatDateTime(meeting.openedAt) })}</p>
        {minutes ? (
          <p className="muted small">
            {t("minutes.version", { version: minutes.version, date: formatDateTime(minutes.finalisedAt), name: minutes.finalisedBy.name })}
            {" · "}
            <span title={copy.hash}>
              {t("minutes.hash")} <code className="hash">{shortHash(copy.hash)}</code>
            </span>
          </p>
        ) : null}
      </header>

      <section className="minutes-section">
        <h4>{t("minutes.attendance")}</h4>
        {meeting.attendance.length === 0 ? (
          <p className="muted">{t("minutes.none")}</p>
        ) : (
          <ul className="minutes-attendance">
            {meeting.attendance.map((a) => (
              <li key={a.person.id}>
                {a.person.name} ({a.person.organisation}) — {t(`attendanceStatuses.${a.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="minutes-section">
        <h4>{t("minutes.agenda")}</h4>
        <DecisionsList meeting={meeting} />
      </section>

      <section className="minutes-section">
        <h4>{t("minutes.text")}</h4>
        {blocks.length === 0 ? <p className="muted">{t("minutes.textEmpty")}</p> : null}
        {blocks.map((b, i) =>
          b.kind === "text" ? (
            <TextBlock key={i} block={b} />
          ) : b.released ? (
            <figure key={i} className="fragment-ref" data-testid={testIds ? `minutes-ref-${b.fragmentId}` : undefined} data-released="true">
              <strong className="fragment-ref-title">{b.title}</strong>
              <p className="fragment-ref-body">{b.body}</p>
              <figcaption className="muted small">{t("minutes.fragmentBy", { name: b.author })}</figcaption>
            </figure>
          ) : (
            <p key={i} className="fragment-ref fragment-ref-hidden" data-testid={testIds ? `minutes-ref-${b.fragmentId}` : undefined} data-released="false">
              {NOT_RELEASED}
            </p>
          ),
        )}
      </section>

      <section className="minutes-section">
        <h4>{t("minutes.actions")}</h4>
        <h5>{t("minutes.reviewed")}</h5>
        {reviewed.length === 0 ? <p className="muted">{t("minutes.none")}</p> : <ul>{reviewed.map((a) => <ActionLine key={a.id} action={a} />)}</ul>}
        <h5>{t("minutes.newActions")}</h5>
        {agreed.length === 0 ? <p className="muted">{t("minutes.none")}</p> : <ul>{agreed.map((a) => <ActionLine key={a.id} action={a} />)}</ul>}
      </section>
      <p className="minutes-footer muted small">{t("minutes.footer", { name: readerName })}</p>
    </article>
  );
}
