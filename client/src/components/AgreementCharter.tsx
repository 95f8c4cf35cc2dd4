// One version of a sharing agreement as a readable charter: legal basis, purpose,
// members, one article per information category (numbered as the agreement numbers
// them), the matrix, the minutes rules, the review date and the signatures. The same
// rendering is what the print view prints.
import { useTranslation } from "react-i18next";
import type { AgreementVersionView, OrganisationView } from "../../../shared/types";
import { allowedSectors, categoriesByArticle } from "../format/agreement";
import { formatDate, formatDateTime } from "../format/date";
import { AgreementMatrixTable } from "./AgreementMatrixTable";
import { DEFAULT_RISK_TEMPLATE } from "../../../shared/riskTemplate";
import { triageSettingsOf } from "../../../shared/triage";

interface Props {
  version: AgreementVersionView;
  organisations: ReadonlyMap<string, OrganisationView>;
  /** Heading level of the charter's title: 2 on the page, 1 when printed alone. */
  level?: 1 | 2;
  testid?: string;
}

export function AgreementCharter({ version, organisations, level = 2, testid }: Props) {
  const { t } = useTranslation();
  const c = version.content;
  const Title = level === 1 ? "h1" : "h2";
  const Section = level === 1 ? "h2" : "h3";
  const orgName = (id: string) => organisations.get(id)?.name ?? t("agreements.unknownOrganisation");
  const list = (items: string[]) => items.join(t("common.listSeparator"));
  // As the server applies them: an agreement without its own uses Tafel's neutral examples.
  const triage = triageSettingsOf(c);
  const risk = c.riskChecklist ?? DEFAULT_RISK_TEMPLATE;

  return (
    <article className="charter" data-testid={testid}>
      <header className="charter-header">
        <p className="charter-kicker">{t("charter.kicker", { n: version.number })}</p>
        <Title className="charter-title">{c.title}</Title>
        <p className="charter-status">
          {version.inForceAt
            ? t("charter.inForceSince", { date: formatDateTime(version.inForceAt) })
            : t("charter.notInForce", { count: version.awaiting.length })}
        </p>
        <p className="small muted">
          {t("charter.hash")} <code className="hash">{version.hash}</code>
        </p>
      </header>

      <section className="charter-article">
        <Section>{t("charter.legalBasis")}</Section>
        <p>
          {t(`legalBasisKinds.${c.legalBasis.kind}`)}: {c.legalBasis.reference}
          {c.legalBasis.date ? ` ${t("charter.dated", { date: formatDate(c.legalBasis.date) })}` : ""}
        </p>
      </section>

      <section className="charter-article">
        <Section>{t("charter.purpose")}</Section>
        <p>{t(`purposes.${c.purpose}`)}</p>
      </section>

      <section className="charter-article">
        <Section>{t("charter.members")}</Section>
        <div className="table-scroll">
          <table className="data-table charter-table">
            <thead>
              <tr>
                <th scope="col">{t("agreementForm.colOrganisation")}</th>
                <th scope="col">{t("charter.colSector")}</th>
                <th scope="col">{t("agreementForm.colRole")}</th>
              </tr>
            </thead>
            <tbody>
              {c.members.map((m) => {
                const org = organisations.get(m.organisationId);
                return (
                  <tr key={m.organisationId}>
                    <th scope="row">{orgName(m.organisationId)}</th>
                    <td>{org ? t(`sectors.${org.sector}`) : t("common.none")}</td>
                    <td>{m.role}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section className="charter-article">
        <Section>{t("charter.categories")}</Section>
        <p className="small muted">{t("charter.categoriesIntro")}</p>
        <ol className="charter-categories">
          {categoriesByArticle(c).map((cat) => {
            const sectors = allowedSectors(c, cat.key);
            return (
              <li key={cat.key} className="charter-category" data-testid={testid ? `${testid}-article-${cat.article}` : undefined}>
                <p className="charter-category-title">
                  <span className="charter-article-number">{t("charter.article", { article: cat.article })}</span> {cat.label}
                </p>
                <p>
                  {sectors.length > 0
                    ? t("charter.mayGoTo", { sectors: list(sectors.map((s) => t(`sectors.${s}`))) })
                    : t("charter.mayGoNowhere")}{" "}
                  {t("charter.retention", { count: cat.retentionDays })}
                </p>
              </li>
            );
          })}
        </ol>
        <AgreementMatrixTable content={c} testid={testid ? `${testid}-matrix` : undefined} />
      </section>

      <section className="charter-article" data-testid={testid ? `${testid}-triage` : undefined}>
        <Section>{t("charter.triage")}</Section>
        <p className="small muted">{t("charter.triageIntro")}</p>
        <ol className="charter-criteria">
          {triage.criteria.map((criterion, i) => (
            <li key={i}>{criterion}</li>
          ))}
        </ol>
        <p className="charter-category-title">{t("charter.tracks")}</p>
        <ul className="charter-tracks">
          {triage.tracks.map((track) => (
            <li key={track.track}>
              <strong>{t("charter.track", { n: track.track, label: track.label })}</strong> {track.description}
            </li>
          ))}
        </ul>
      </section>

      <section className="charter-article" data-testid={testid ? `${testid}-risk` : undefined}>
        <Section>{t("charter.risk")}</Section>
        <p className="small muted">{t("charter.riskIntro", { title: risk.title })}</p>
        <ol className="charter-risk-items">
          {risk.items.map((item) => (
            <li key={item.key}>
              {item.label}{" "}
              <span className="muted">({list(item.options.map((o) => t("charter.riskAnswer", { answer: o.label, count: o.points })))})</span>
            </li>
          ))}
        </ol>
        <p className="charter-category-title">{t("charter.riskLevels")}</p>
        <ul className="charter-risk-levels">
          {risk.levels.map((level) => (
            <li key={level.key}>{t("charter.riskLevel", { label: level.label, score: level.minScore })}</li>
          ))}
        </ul>
      </section>

      <section className="charter-article">
        <Section>{t("charter.minutes")}</Section>
        <p className="prose">{c.minutesRules}</p>
      </section>

      <section className="charter-article">
        <Section>{t("charter.review")}</Section>
        <p>{t("charter.reviewOn", { date: formatDate(c.reviewDate) })}</p>
      </section>

      <section className="charter-article charter-signatures">
        <Section>{t("charter.signatures")}</Section>
        {version.signatures.length === 0 ? (
          <p className="muted">{t("charter.noSignatures")}</p>
        ) : (
          <ul className="charter-signature-list">
            {version.signatures.map((s) => (
              <li key={s.organisation.id}>
                {t("charter.signedBy", { organisation: s.organisation.name, name: s.by.name, date: formatDateTime(s.at) })}
              </li>
            ))}
          </ul>
        )}
        {version.awaiting.length > 0 ? (
          <p className="muted">{t("charter.awaiting", { names: list(version.awaiting.map((o) => o.name)) })}</p>
        ) : null}
      </section>
    </article>
  );
}
