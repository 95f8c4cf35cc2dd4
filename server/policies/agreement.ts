// "The agreement decides" (invariant 3): which version of a sharing agreement is in
// force, who may sit at its tables, and what may be released to which sector. Every
// release, invitation, acceptance and table opening asks here.
import type { Category, Sector, TablePurpose } from "../../shared/schemas.js";
import type { Agreement, AgreementVersion, Organisation } from "../store/records.js";
import { allow, refuse, type Decision } from "./decision.js";

/** The latest version every member organisation has signed; earlier ones stay in force until then. */
export function versionInForce(agreement: Agreement): AgreementVersion | undefined {
  return [...agreement.versions].reverse().find((v) => v.inForceAt !== undefined);
}

export function allMembersSigned(version: AgreementVersion): boolean {
  return version.content.members.every((m) => version.signatures.some((s) => s.organisationId === m.organisationId));
}

export function versionName(version: AgreementVersion): string {
  return `'${version.content.title}' v${version.number}`;
}

export function isMember(version: AgreementVersion, organisationId: string): boolean {
  return version.content.members.some((m) => m.organisationId === organisationId);
}

export function mayWorkUnder(
  version: AgreementVersion | undefined,
  org: Organisation,
  adHocSignatures: readonly { organisationId: string; agreementVersion: number }[] = [],
): Decision {
  if (!version) return refuse("This sharing agreement has no version in force yet: every member organisation must sign it first.");
  if (isMember(version, org.id)) return allow;
  // An ad-hoc partner works at one table, under the version its representative signed there.
  if (adHocSignatures.some((s) => s.organisationId === org.id && s.agreementVersion === version.number)) return allow;
  return refuse(`Organisation '${org.name}' is not a member of the sharing agreement ${versionName(version)}.`);
}

/** May a category be released to a recipient of this sector, for this purpose, under this version? */
export function mayReleaseUnder(
  version: AgreementVersion,
  category: Category,
  recipientSector: Sector,
  purpose: TablePurpose,
): Decision {
  const { content } = version;
  if (purpose !== content.purpose) {
    return refuse(`The purpose '${purpose}' does not match the purpose '${content.purpose}' of the sharing agreement ${versionName(version)}.`);
  }
  const cat = content.categories.find((c) => c.key === category);
  if (!cat) return refuse(`Category '${category}' is not shared at all under the sharing agreement ${versionName(version)}.`);
  const allowed = content.matrix.some((m) => m.category === category && m.sector === recipientSector && m.allowed);
  return allowed
    ? allow
    : refuse(`Category '${cat.label}' may not be released to sector '${recipientSector}' under ${versionName(version)}, article ${cat.article}.`);
}

export function mayDraftVersion(version: AgreementVersion | undefined, org: Organisation, body: { members: { organisationId: string }[] }): Decision {
  // The first version: the drafter's organisation must be among the members it names.
  // Later versions: only a member of the latest version drafts the next one.
  if (version && !isMember(version, org.id)) return refuse(`Only a member organisation of ${versionName(version)} can draft its next version.`);
  if (!body.members.some((m) => m.organisationId === org.id)) return refuse("Your own organisation must be a member of the agreement you draft.");
  return allow;
}

export function maySign(version: AgreementVersion, org: Organisation): Decision {
  if (!isMember(version, org.id)) return refuse(`Organisation '${org.name}' is not a member of ${versionName(version)} and cannot sign it.`);
  if (version.signatures.some((s) => s.organisationId === org.id)) return refuse(`Organisation '${org.name}' has already signed ${versionName(version)}.`);
  return allow;
}
