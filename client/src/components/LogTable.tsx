// The table's log in order: metadata only (who, when, what happened to which fragment,
// its category), never content.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { en } from "../i18n/en";
import type { LogEntryView, PersonConcernedView } from "../../../shared/types";
import { formatPreciseTime } from "../format/date";
import { shortHash } from "../format/agreement";
import { orgLabel, shortId } from "../format/person";
import { isReceipt, type RowState } from "../log/verifyTable";
import { LogRowBadge } from "./LogRowBadge";
import { describeLogEntry } from "../format/logEntry";

type LogType = keyof typeof en.logTypes;
const isLogType = (type: string): type is LogType => Object.hasOwn(en.logTypes, type);
type Channel = keyof typeof en.log.channels;
const isChannel = (channel: string): channel is Channel => Object.hasOwn(en.log.channels, channel);

interface Props {
  entries: LogEntryView[];
  persons: PersonConcernedView[];
  /** Verification of receipt rows by seq; missing: still being checked. */
  rows: ReadonlyMap<number, RowState>;
}

function About({ entry, pseudonyms, t }: { entry: LogEntryView; pseudonyms: Map<string, string>; t: TFunction }) {
  const parts: ReactNode[] = [];
  if (entry.subject) {
    parts.push(
      <span key="subject">
        {entry.subject.name} <span className="cell-sub-inline">{orgLabel(t, entry.subject)}</span>
      </span>,
    );
  }
  if (entry.recipients?.length) {
    parts.push(<span key="recipients">{t("log.to", { names: entry.recipients.map((r) => r.name).join(t("common.listSeparator")) })}</span>);
  }
  if (entry.personsConcerned?.length) {
    const names = entry.personsConcerned.map((id) => pseudonyms.get(id) ?? shortId(id));
    parts.push(
      <span key="persons" className="muted">
        {t("log.persons", { names: names.join(t("common.listSeparator")) })}
      </span>,
    );
  }
  if (entry.purpose) parts.push(<span key="purpose" className="muted">{t(`purposes.${entry.purpose}`)}</span>);
  if (entry.channel) {
    const channel = isChannel(entry.channel) ? t(`log.channels.${entry.channel}`) : entry.channel;
    parts.push(<span key="channel" className="muted">{t("log.via", { channel })}</span>);
  }
  if (entry.alreadyDelivered !== undefined) {
    parts.push(
      <span key="delivered" className="muted">
        {entry.alreadyDelivered ? t("log.alreadyDelivered") : t("log.notYetDelivered")}
      </span>,
    );
  }
  if (entry.question) parts.push(<span key="question">{t("log.question", { question: entry.question })}</span>);
  if (entry.because) {
    parts.push(
      <span key="because" className="log-because" data-testid={`log-because-${entry.seq}`}>
        {entry.because === "agreement" ? t("log.becauseAgreement") : t("log.becauseRemoved")}
      </span>,
    );
  }
  if (entry.organisation) parts.push(<span key="organisation">{t("log.forOrganisation", { organisation: entry.organisation })}</span>);
  if (entry.agreement) {
    parts.push(
      <span key="agreement" className="muted" title={entry.agreement.hash}>
        {entry.agreement.hash
          ? t("log.agreementVersionHash", { n: entry.agreement.version, hash: shortHash(entry.agreement.hash) })
          : t("log.agreementVersion", { n: entry.agreement.version })}
      </span>,
    );
  }
  if (entry.sheet) {
    parts.push(
      <span key="sheet" className="muted" title={entry.sheet}>
        {t("log.sheet", { id: shortId(entry.sheet) })}
      </span>,
    );
  }
  if (parts.length === 0) return <span className="muted">{t("common.none")}</span>;
  return <span className="log-about">{parts}</span>;
}

export function LogTable({ entries, persons, rows }: Props) {
  const { t } = useTranslation();
  const pseudonyms = new Map(persons.map((p) => [p.id, p.pseudonym]));
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);

  return (
    <div className="table-scroll">
      <table className="data-table log-table" data-testid="log-table">
        <caption className="visually-hidden">{t("log.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("log.colSeq")}
            </th>
            <th scope="col">{t("log.colTime")}</th>
            <th scope="col">{t("log.colType")}</th>
            <th scope="col">{t("log.colActor")}</th>
            <th scope="col">{t("log.colAbout")}</th>
            <th scope="col">{t("log.colFragment")}</th>
            <th scope="col">{t("log.colProof")}</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((e) => (
            <tr key={e.seq} data-testid={`log-row-${e.seq}`} data-type={e.type}>
              <td className="num mono">{e.seq}</td>
              <td className="nowrap">
                <time dateTime={e.at}>{formatPreciseTime(e.at)}</time>
              </td>
              <td>
                <span className={`log-type log-type-${e.type}`}>{isLogType(e.type) ? t(`logTypes.${e.type}`) : e.type}</span>
                <span className="cell-sub log-description" data-testid={`log-description-${e.seq}`}>
                  {describeLogEntry(t, e, pseudonyms)}
                </span>
              </td>
              <td>{e.actor ? e.actor.name : <span className="muted">{t("log.server")}</span>}</td>
              <td>
                <About entry={e} pseudonyms={pseudonyms} t={t} />
              </td>
              <td>
                {e.fragmentId ? (
                  <span className="log-fragment">
                    <code title={e.fragmentId}>{shortId(e.fragmentId)}</code>
                    {e.category ? <span className="cell-sub">{t(`categories.${e.category}`)}</span> : null}
                  </span>
                ) : (
                  <span className="muted">{t("common.none")}</span>
                )}
              </td>
              <td className="nowrap">{isReceipt(e) ? <LogRowBadge seq={e.seq} state={rows.get(e.seq) ?? "checking"} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
