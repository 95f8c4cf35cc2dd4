// One version of an agreement on its page: status, hash, who signed (organisation, who,
// when), who is awaited, "Sign for <my organisation>", and the charter itself.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { AgreementVersionView, AgreementView, OrganisationView } from "../../../shared/types";
import { isMemberOf, shortHash } from "../format/agreement";
import { formatDateTime } from "../format/date";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { AgreementCharter } from "./AgreementCharter";
import { FormError } from "./FormError";

interface Props {
  agreement: AgreementView;
  version: AgreementVersionView;
  organisations: ReadonlyMap<string, OrganisationView>;
  me: OrganisationView;
  /** Show the charter unfolded at first (the latest version and the one in force). */
  initiallyOpen: boolean;
  onSigned(): void;
  onPrint(versionNumber: number): void;
}

type Status = "in-force" | "superseded" | "awaiting" | "lapsed";

function statusOf(agreement: AgreementView, v: AgreementVersionView): Status {
  const current = agreement.inForce;
  if (v.inForceAt) return v.number === current ? "in-force" : "superseded";
  return current !== undefined && v.number < current ? "lapsed" : "awaiting";
}

export function AgreementVersionCard({ agreement, version, organisations, me, initiallyOpen, onSigned, onPrint }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [open, setOpen] = useState(initiallyOpen);
  const sign = useSubmit(() => api.signAgreement(agreement.id, version.number));
  const status = statusOf(agreement, version);
  const signedByMe = version.signatures.some((s) => s.organisation.id === me.id);
  const maySign = isMemberOf(version, me.id) && !signedByMe && status === "awaiting";

  const onSign = async () => {
    const signed = await sign.run();
    if (!signed) {
      // Refused (already signed elsewhere, a later version in force): show the agreement as it is now; the message stays.
      onSigned();
      return;
    }
    announce(
      signed.inForceAt
        ? t("agreement.signedInForce", { organisation: me.name, n: signed.number })
        : t("agreement.signed", { organisation: me.name, n: signed.number }),
    );
    onSigned();
  };

  const statusText =
    status === "in-force"
      ? t("agreement.status.inForce", { date: formatDateTime(version.inForceAt ?? "") })
      : status === "superseded"
        ? t("agreement.status.superseded", { date: formatDateTime(version.inForceAt ?? "") })
        : status === "lapsed"
          ? t("agreement.status.lapsed")
          : t("agreement.status.awaiting", { count: version.awaiting.length });

  return (
    <article className="item agreement-version" data-testid={`version-${version.number}`} data-status={status} aria-labelledby={`version-title-${version.number}`}>
      <div className="item-head">
        <h2 id={`version-title-${version.number}`} className="item-title">
          {t("agreement.versionTitle", { n: version.number })}
        </h2>
        <span className={`badge agreement-status agreement-status-${status}`} data-testid={`version-status-${version.number}`}>
          {statusText}
        </span>
      </div>
      <dl className="meta-list agreement-facts">
        <div>
          <dt>{t("agreement.hash")}</dt>
          <dd>
            <code className="hash" title={version.hash} data-testid={`version-hash-${version.number}`}>
              {shortHash(version.hash)}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t("agreement.drafted")}</dt>
          <dd>{t("agreement.draftedBy", { name: version.createdBy.name, organisation: version.createdBy.organisation, date: formatDateTime(version.createdAt) })}</dd>
        </div>
      </dl>

      <div className="table-scroll">
        <table className="data-table" data-testid={`signatures-${version.number}`}>
          <caption className="agreement-caption">{t("agreement.signaturesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("agreementForm.colOrganisation")}</th>
              <th scope="col">{t("agreement.colSignedBy")}</th>
              <th scope="col">{t("agreement.colSignedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {version.signatures.map((s) => (
              <tr key={s.organisation.id}>
                <th scope="row">{s.organisation.name}</th>
                <td>{s.by.name}</td>
                <td className="nowrap">
                  <time dateTime={s.at}>{formatDateTime(s.at)}</time>
                </td>
              </tr>
            ))}
            {version.awaiting.map((o) => (
              <tr key={o.id} className="row-awaiting" data-testid={`awaiting-${version.number}-${o.id}`}>
                <th scope="row">{o.name}</th>
                <td colSpan={2}>
                  <span className="state state-invited">{status === "awaiting" ? t("agreement.awaitingSignature") : t("agreement.didNotSign")}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {maySign || sign.message ? (
        <div className="agreement-sign">
          {maySign ? (
            <>
              <p className="small">{t("agreement.signExplain", { n: version.number })}</p>
              <button
                type="button"
                className="button button-primary"
                data-testid={`sign-${version.number}`}
                disabled={sign.pending}
                onClick={() => void onSign()}
              >
                {t("agreement.sign", { organisation: me.name })}
              </button>
            </>
          ) : null}
          <FormError message={sign.message} />
        </div>
      ) : null}

      <details className="disclosure" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t("agreement.readCharter", { n: version.number })}</summary>
        <AgreementCharter version={version} organisations={organisations} testid={`charter-${version.number}`} />
        <div className="item-actions">
          <button type="button" className="button button-secondary button-small" data-testid={`agreement-print-${version.number}`} onClick={() => onPrint(version.number)}>
            {t("agreement.printVersion", { n: version.number })}
          </button>
        </div>
      </details>
    </article>
  );
}
